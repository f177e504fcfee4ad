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

    [LoggerMessage(EventId = 3250, Level = LogLevel.Information, EventName = "SessionPrincipalRejected",
        Message = "Session {SessionFingerprint} ended: the app's principal validator no longer accepts its user")]
    public static partial void SessionPrincipalRejected(this ILogger logger, string sessionFingerprint);
}
