namespace Sessions.WebFrontend;

internal static partial class Log
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Demo users alice, bob (role user) and admin (role admin) are on, password '{Password}' (Auth:DemoUsers; environment {Environment}). Never in production.")]
    public static partial void DemoUsersEnabled(this ILogger logger, string environment, string password);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Login of user {UserId} from {ClientAddress}")]
    public static partial void LoginSucceeded(this ILogger logger, string userId, string clientAddress);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, EventName = "LoginFailed",
        Message = "Security: failed login from {ClientAddress}")]
    public static partial void LoginFailed(this ILogger logger, string clientAddress);

    // The user id comes from the route: a structured value, escaped (LogText), never spliced into the message text.
    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, EventName = "AdminEndedSessions",
        Message = "Security: administrator {AdminId} ended every session of user {UserId}")]
    public static partial void AdminEndedUserSessions(this ILogger logger, string adminId, string userId);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Warning, EventName = "AdminEndedAllSessions",
        Message = "Security: administrator {AdminId} ended every session of the deployment (generation {Generation})")]
    public static partial void AdminEndedAllSessions(this ILogger logger, string adminId, long generation);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Debug, Message = "Reading the active sessions for the sessions.active gauge failed; it keeps its last value")]
    public static partial void ActiveSessionsNotRead(this ILogger logger, Exception exception);
}
