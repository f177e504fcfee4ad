namespace Sessions.AspNetCore;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Timed out {Operation} the session after {Timeout}")]
    public static partial void SessionOperationTimedOut(this ILogger logger, string operation, TimeSpan timeout);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Session cluster unavailable: {Reason}")]
    public static partial void ClusterUnavailable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Loading the session failed; it is unavailable for this request")]
    public static partial void SessionLoadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information,
        Message = "Retrying {Operation} the session (attempt {Attempt}) after {Failure}: a silo or gateway went away")]
    public static partial void SessionCallRetried(this ILogger logger, string operation, int attempt, string failure);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information,
        Message = "Sending {Operation} the session again: attempt {Attempt} had no answer within {AttemptTimeout} (its silo may have died with the call)")]
    public static partial void SessionCallUnanswered(this ILogger logger, string operation, int attempt, TimeSpan attemptTimeout);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning,
        Message = "Cannot connect to cluster {ClusterId} of service {ServiceId} (Orleans:ClusterId, Orleans:ServiceId): {Reason}. Not ready; retrying every second")]
    public static partial void ClusterConnectFailed(this ILogger logger, string serviceId, string clusterId, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Connected to cluster {ClusterId} of service {ServiceId}")]
    public static partial void ClusterConnected(this ILogger logger, string serviceId, string clusterId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error,
        Message = "Committing the session at the end of the request failed; the request's session changes are lost")]
    public static partial void SessionCommitFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning,
        Message = "Development: no SessionGrainKey:Secret and no persisted key ring, so session ids are hashed with a secret of this process only and sessions end when it restarts")]
    public static partial void SessionKeySecretEphemeral(this ILogger logger);

    [LoggerMessage(EventId = 3220, Level = LogLevel.Information,
        Message = "Session-key secrets: current key id {CurrentKeyId} ({Source}); previous key ids still read: {PreviousKeyIds}")]
    public static partial void SessionKeySecretsLoaded(this ILogger logger, string currentKeyId, string source, string previousKeyIds);

    [LoggerMessage(EventId = 3221, Level = LogLevel.Debug,
        Message = "Session {SessionHandle} moved from the previous session-key secret {PreviousKeyId} to the current one (secret rollover)")]
    public static partial void SessionMovedToCurrentSecret(this ILogger logger, string sessionHandle, string previousKeyId);

    // 3101-3199: login and security events.

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "Renewing the session's ID failed; it keeps its ID for now")]
    public static partial void SessionRenewalFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Debug, Message = "A page view could not be reported to its session")]
    public static partial void VisitNotRecorded(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Information, Message = "Stopping: /readyz answers 503 for {DrainDelay} while requests are still served")]
    public static partial void Draining(this ILogger logger, TimeSpan drainDelay);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Debug,
        Message = "A session fetch no longer needed (its request ended or signed in) failed; nothing was lost")]
    public static partial void UnusedSessionFetchFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, EventName = "RateLimited",
        Message = "Security: {Limit} limit reached by {ClientAddress}")]
    public static partial void RateLimited(this ILogger logger, string limit, string clientAddress);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, EventName = "ServerApiUnauthorized",
        Message = "Security: a server session API request from {ClientAddress} carried no valid bearer token")]
    public static partial void ServerApiUnauthorized(this ILogger logger, string clientAddress);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Warning, EventName = "UntrustedForwardedProto",
        Message = "A request over HTTP said X-Forwarded-Proto: https from {ClientAddress}, which is not in Frontend:KnownProxies: "
            + "session cookies go out without Secure and without the __Host- prefix. List the proxy in Frontend:KnownProxies, "
            + "or set SessionCookie:SecurePolicy=Always. (Said once per start.)")]
    public static partial void UntrustedForwardedProto(this ILogger logger, string clientAddress);

    // 3270-3289: signals of attacks on session IDs, each at most once per client network and minute (SourceLogThrottle).

    [LoggerMessage(EventId = 3270, Level = LogLevel.Warning, EventName = "ForgedSessionId",
        Message = "Security: a session cookie or header from {Source} failed validation (forged, tampered, foreign, or under a removed secret); {Unlogged} more from it in its previous minute were not logged")]
    public static partial void ForgedSessionId(this ILogger logger, string source, int unlogged);

    [LoggerMessage(EventId = 3271, Level = LogLevel.Information, EventName = "DeadSessionId",
        Message = "Security: a session ID from {Source} names no live session (ended, expired, replayed or never stored); {Unlogged} more from it in its previous minute were not logged")]
    public static partial void DeadSessionId(this ILogger logger, string source, int unlogged);

    // 3200-3219: the login throttle.

    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, EventName = "LoginThrottled",
        Message = "Security: a login from {AddressPrefix} was throttled by the {Budget} budget; retry after {RetryAfter}. Further ones from this prefix are counted (sessions.frontend.logins_throttled), not logged, for {LogInterval}")]
    public static partial void LoginThrottled(this ILogger logger, string addressPrefix, string budget, TimeSpan retryAfter, TimeSpan logInterval);

    [LoggerMessage(EventId = 3250, Level = LogLevel.Information, EventName = "SessionPrincipalRejected",
        Message = "Session {SessionFingerprint} ended: the app's principal validator no longer accepts its user")]
    public static partial void SessionPrincipalRejected(this ILogger logger, string sessionFingerprint);

    // 3300-3309: read leases.

    [LoggerMessage(EventId = 3300, Level = LogLevel.Warning, EventName = "LeaseAccessReportFailed",
        Message = "A report of {Accesses} session accesses served from read leases could not be sent; the sessions' next lease renewals count as accesses instead")]
    public static partial void AccessReportFailed(this ILogger logger, int accesses, Exception exception);
}
