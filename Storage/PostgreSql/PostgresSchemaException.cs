namespace Sessions.Storage;

/// <summary>
/// The PostgreSQL schema cannot be used or applied: the server is unreachable, the login is refused, the schema is
/// missing or newer than this build, or a script failed. The message is meant for people and never holds a password.
/// </summary>
public sealed class PostgresSchemaException : StartupException
{
    public PostgresSchemaException()
    {
    }

    public PostgresSchemaException(string message)
        : base(message)
    {
    }

    public PostgresSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
