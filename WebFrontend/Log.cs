namespace Sessions.WebFrontend;

internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Session grain call timed out after {Timeout}")]
    public static partial void GrainCallTimedOut(this ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Session cluster unavailable: {Reason}")]
    public static partial void ClusterUnavailable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Committing the session at the end of the request failed")]
    public static partial void CommitFailed(this ILogger logger, Exception exception);
}
