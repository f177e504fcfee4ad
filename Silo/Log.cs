using Microsoft.Extensions.Logging;

namespace Sessions.Silo;

internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "SQLite schema version {Version} ready in {DatabasePath}")]
    public static partial void SqliteSchemaApplied(this ILogger logger, string databasePath, int version);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "PostgreSQL schema version {Version} ready at {Target} ({ScriptCount} scripts applied)")]
    public static partial void PostgresSchemaApplied(this ILogger logger, string target, int version, int scriptCount);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
        Message = "PostgreSQL schema version {Version} found at {Target}")]
    public static partial void PostgresSchemaChecked(this ILogger logger, string target, int version);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Deprecated configuration key {OldKey}: {Warning}")]
    public static partial void DeprecatedConfigurationKey(this ILogger logger, string oldKey, string warning);
}
