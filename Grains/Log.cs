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
}
