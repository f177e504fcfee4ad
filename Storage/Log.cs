using Microsoft.Extensions.Logging;

namespace Sessions.Storage;

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

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "A batch of {Writes} session write(s) failed; each of them fails")]
    public static partial void SessionBatchFailed(this ILogger logger, int writes, Exception exception);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning,
        Message = "PostgreSQL had ended the pooled connection a session {Operation} used ({SqlState}: a restart or a terminated backend); tried once more on a new connection")]
    public static partial void SessionConnectionEndedByServer(this ILogger logger, string operation, string sqlState);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "The SQLite session database could not be opened; session reads and writes fail")]
    public static partial void SessionDatabaseUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "A checkpoint of the SQLite session database's write-ahead log failed; the next commit tries again")]
    public static partial void SessionCheckpointFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning,
        Message = "The session-key secret and the Data Protection key ring are stored without a key-encryption key: whoever reads their store reads the keys. Set KeyEncryption:KeyPath (docs/key-management.md)")]
    public static partial void KeyRingStoredWithoutKeyEncryption(this ILogger logger);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Key material at rest is encrypted under key-encryption key {KeyId}")]
    public static partial void KeyEncryptionInUse(this ILogger logger, string keyId);
}
