using System.Security.Cryptography;
using Npgsql;

namespace Sessions.Storage;

/// <summary>The session-key secret in PostgreSQL (table <c>sessions_secrets</c> of the Sessions schema), beside the key ring.</summary>
public sealed class PostgresSessionKeySecretStore(string connectionString) : ISessionKeySecretStore
{
    private const string Name = "session-grain-key";

    // Of frontends starting together the first insert wins; every one reads the winner.
    private const string Sql = """
        INSERT INTO sessions_secrets (name, secret) VALUES (@name, @secret) ON CONFLICT (name) DO NOTHING;
        SELECT secret FROM sessions_secrets WHERE name = @name;
        """;

    public async Task<byte[]> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("name", Name);
        command.Parameters.AddWithValue("secret", RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes));
        return (byte[])(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
