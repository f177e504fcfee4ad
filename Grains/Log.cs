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
}
