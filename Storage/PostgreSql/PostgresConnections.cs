using System.Globalization;
using Npgsql;

namespace Sessions.Storage;

/// <summary>Opens Npgsql connections and turns connection failures into one readable sentence.</summary>
internal static class PostgresConnections
{
    /// <summary>"host:port, database 'x', user 'y'", read from the connection string; the password is never included.</summary>
    public static string Describe(string connectionString)
    {
        var builder = Parse(connectionString);
        var host = string.IsNullOrWhiteSpace(builder.Host) ? "(no host)" : builder.Host;
        var port = builder.Port.ToString(CultureInfo.InvariantCulture);
        var user = string.IsNullOrEmpty(builder.Username) ? "(default user)" : builder.Username;
        var database = string.IsNullOrEmpty(builder.Database) ? user : builder.Database;
        return $"{host}:{port}, database '{database}', user '{user}'";
    }

    /// <summary>Parses the connection string; a malformed one is reported without echoing its text.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new PostgresSchemaException("No PostgreSQL connection string was given.");
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException)
        {
            throw new PostgresSchemaException(
                $"The PostgreSQL connection string is not valid: {exception.Message}", exception);
        }
    }

    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = Describe(connectionString);
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new PostgresSchemaException(Explain(exception, target), exception);
        }
    }

    private static string Explain(Exception exception, string target) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } e =>
            $"PostgreSQL at {target} refused the login: {e.MessageText}",
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } e =>
            $"PostgreSQL at {target} has no such database: {e.MessageText}",
        PostgresException e => $"PostgreSQL at {target} refused the connection: {e.MessageText}",
        _ => $"Cannot reach PostgreSQL at {target}: {Innermost(exception).Message}",
    };

    /// <summary>The root cause, whose message is usually the readable one ("Connection refused", a timeout).</summary>
    public static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
