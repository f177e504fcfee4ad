using Microsoft.Extensions.Logging;

namespace Sessions.Grains;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Session {SessionFingerprint} created")]
    public static partial void SessionCreated(this ILogger logger, string sessionFingerprint);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Session {SessionFingerprint} expired (idle timeout {IdleTimeout})")]
    public static partial void SessionExpired(this ILogger logger, string sessionFingerprint, TimeSpan idleTimeout);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Session {SessionFingerprint} destroyed")]
    public static partial void SessionDestroyed(this ILogger logger, string sessionFingerprint);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Session {SessionFingerprint}: storage version conflict on attempt {Attempt}; re-reading and retrying")]
    public static partial void WriteConflict(this ILogger logger, string sessionFingerprint, int attempt, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning,
        Message = "Session {SessionFingerprint}: state not flushed on deactivation after repeated version conflicts")]
    public static partial void FlushOnDeactivationFailed(this ILogger logger, string sessionFingerprint, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning,
        Message = "Session {SessionFingerprint}: write-behind flush of {PendingChanges} change(s) failed; retrying next interval")]
    public static partial void WriteBehindFlushFailed(this ILogger logger, string sessionFingerprint, int pendingChanges, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Session storage failed to {Operation} a session's state")]
    public static partial void StorageFailed(this ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning,
        Message = "Session {SessionFingerprint}: {PendingChanges} unstored change(s) could not be stored before its migration; they move with it")]
    public static partial void MigratingUnstored(this ILogger logger, string sessionFingerprint, int pendingChanges, Exception exception);

    // 1101-1199: the purge of abandoned sessions.
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Session purge scheduled every {Interval}; rows older than {Age} by the database clock are deleted")]
    public static partial void PurgeScheduled(this ILogger logger, TimeSpan interval, TimeSpan age);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Session purge deleted {Rows} abandoned session row(s) older than {Age} in {ElapsedMilliseconds:F0} ms")]
    public static partial void PurgeDeleted(this ILogger logger, int rows, TimeSpan age, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Session purge found no row older than {Age}")]
    public static partial void PurgeFoundNothing(this ILogger logger, TimeSpan age);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "Session purge failed after deleting {Rows} row(s); retrying on the next tick")]
    public static partial void PurgeFailed(this ILogger logger, int rows, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information,
        Message = "Session purge is off (SessionPurge:Enabled is false or the storage keeps no rows); its reminder was removed")]
    public static partial void PurgeUnscheduled(this ILogger logger);

    // 1201-1299: sign-in, rotation and the ends of signed-in sessions (security events).
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Session {SessionFingerprint} signed in as user {UserId}")]
    public static partial void SessionSignedIn(this ILogger logger, string sessionFingerprint, string userId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Session {SessionFingerprint} renewed its ID")]
    public static partial void SessionRenewed(this ILogger logger, string sessionFingerprint);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, EventName = "SessionReplay",
        Message = "Security: session {SessionFingerprint} was used with an ID renewed away from {Age} ago (grace {Grace}); treated as a stolen ID, the session is ended")]
    public static partial void SessionReplayDetected(this ILogger logger, string sessionFingerprint, TimeSpan age, TimeSpan grace);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Session {SessionFingerprint} ended: {Reason}")]
    public static partial void SessionEnded(this ILogger logger, string sessionFingerprint, SessionEndReason reason);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning,
        Message = "Session admission refused a session: the silo holds {Sessions} sessions and {Bytes} bytes of session data (SessionActivation:MaxActiveSessions / MaxActiveSessionBytes)")]
    public static partial void AdmissionRefused(this ILogger logger, long sessions, long bytes);

    [LoggerMessage(EventId = 1520, Level = LogLevel.Information, EventName = "PrincipalRolesChanged",
        Message = "Session {SessionFingerprint}: principal re-validation gave user {UserId} {Roles} role(s) other than the session held")]
    public static partial void PrincipalRolesChanged(this ILogger logger, string sessionFingerprint, string userId, int roles);

    [LoggerMessage(EventId = 1521, Level = LogLevel.Warning, EventName = "PrincipalRejected",
        Message = "Security: session {SessionFingerprint} of user {UserId} ended: the app's principal re-validation no longer accepts the user")]
    public static partial void PrincipalRejected(this ILogger logger, string sessionFingerprint, string userId);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information,
        Message = "User {UserId}: session {SessionFingerprint} evicted, the user has more than {MaxSessions} sessions")]
    public static partial void SessionEvicted(this ILogger logger, string userId, string sessionFingerprint, int maxSessions);

    [LoggerMessage(EventId = 1221, Level = LogLevel.Warning,
        Message = "Security: every session of the deployment below end-all generation {Generation} ended by an administrator ({Silos} active silo(s) confirmed)")]
    public static partial void AllSessionsEnded(this ILogger logger, long generation, int silos);

    [LoggerMessage(EventId = 1222, Level = LogLevel.Warning, Message = "Silo {Silo} did not confirm the end-all generation; it re-reads it within Auth:EpochRefreshInterval or refuses signed-in sessions after Auth:EpochStaleAfter")]
    public static partial void EpochPushFailed(this ILogger logger, string silo, Exception exception);

    [LoggerMessage(EventId = 1223, Level = LogLevel.Warning, Message = "Reading the deployment's end-all generation failed; retrying next interval")]
    public static partial void EpochRefreshFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1224, Level = LogLevel.Error,
        Message = "Security: end-all generation {Generation} is stored, but silo(s) {Silos} did not confirm it; the call answers failure")]
    public static partial void EndAllUnconfirmed(this ILogger logger, long generation, string silos);

    [LoggerMessage(EventId = 1225, Level = LogLevel.Warning,
        Message = "This silo has not read the end-all epoch for longer than Auth:EpochStaleAfter ({StaleAfter}); it refuses signed-in sessions until it can")]
    public static partial void EpochStale(this ILogger logger, TimeSpan staleAfter);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "Delivering {EventCount} session event(s) to {Subscriber} failed; the batch comes again next poll")]
    public static partial void EventDeliveryFailed(this ILogger logger, int eventCount, string subscriber, Exception exception);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Reading the session event outbox failed; retrying next poll")]
    public static partial void EventOutboxFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information,
        Message = "Session events are not produced with this storage (the Orleans ADO.NET engine has no outbox); analytics count page views only")]
    public static partial void EventsUnavailable(this ILogger logger);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Pulling page views from silo {Silo} failed; its counts go with the next pull")]
    public static partial void PageViewPullFailed(this ILogger logger, string silo, Exception exception);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Storing the visit analytics failed; retrying next interval")]
    public static partial void AnalyticsWriteFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information,
        Message = "Shutdown: {Moved} of {Sessions} session activations migrated to {Silos} other silo(s) in {ElapsedMs:0} ms; {Left} left to deactivate")]
    public static partial void SessionsMigratedOnShutdown(this ILogger logger, int moved, int sessions, int silos, double elapsedMs, int left);

    // 1500-1509: the login throttle.

    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, EventName = "LoginAccountBudgetExhausted",
        Message = "Security: the account-wide login budget of account {AccountKey} is used up; address prefixes that have not signed in to it wait {RetryAfter} (logged at most hourly per account)")]
    public static partial void LoginAccountBudgetExhausted(this ILogger logger, string accountKey, TimeSpan retryAfter);

    // 1530-1539: read leases.

    [LoggerMessage(EventId = 1530, Level = LogLevel.Debug, EventName = "LeaseRevocationUnconfirmed",
        Message = "A frontend did not confirm the revocation of its read lease on session {SessionFingerprint} ({Failure}); the change waits until the lease has run out")]
    public static partial void LeaseRevocationUnconfirmed(this ILogger logger, string sessionFingerprint, string failure, Exception exception);

    // 1540-1549: cluster membership.

    [LoggerMessage(EventId = 1540, Level = LogLevel.Warning, EventName = "MembershipUnconfirmed",
        Message = "This silo could not confirm its cluster membership within Silo:MembershipConfirmation ({Window}); it refuses session calls until it can")]
    public static partial void MembershipUnconfirmed(this ILogger logger, TimeSpan window, Exception exception);

    [LoggerMessage(EventId = 1541, Level = LogLevel.Information, EventName = "MembershipConfirmedAgain",
        Message = "This silo confirmed its cluster membership again; it serves sessions")]
    public static partial void MembershipConfirmedAgain(this ILogger logger);

    [LoggerMessage(EventId = 1542, Level = LogLevel.Error, EventName = "SiloDeclaredDead",
        Message = "The membership table says this silo was declared dead; it refuses every session call until the runtime stops it")]
    public static partial void SiloDeclaredDead(this ILogger logger);
}
