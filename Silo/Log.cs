using Microsoft.Extensions.Logging;

namespace Sessions.Silo;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "SQLite schema version {Version} ready in {DatabasePath}")]
    public static partial void SqliteSchemaApplied(this ILogger logger, string databasePath, int version);
}
