using System.Security.Cryptography;
using Npgsql;

namespace Sessions.Storage;

/// <summary>
/// The session-key secret in PostgreSQL (table <c>sessions_secrets</c> of the Sessions schema), beside the key ring;
/// encrypted under the key-encryption key when one is configured (a plaintext row from before is re-encrypted at start).
/// </summary>
public sealed class PostgresSessionKeySecretStore : ISessionKeySecretStore
{
    private const string Name = "session-grain-key";

    // Of frontends starting together the first insert wins; every one reads the winner.
    private const string Sql = """
        INSERT INTO sessions_secrets (name, secret) VALUES (@name, @secret) ON CONFLICT (name) DO NOTHING;
        SELECT secret FROM sessions_secrets WHERE name = @name;
        """;

    // Only over the value read, so of frontends re-encrypting together one writes and the rest change nothing.
    private const string ResealSql = "UPDATE sessions_secrets SET secret = @sealed WHERE name = @name AND secret = @stored";

    private readonly string _connectionString;
    private readonly KeyEncryptionKeys? _keys;

    public PostgresSessionKeySecretStore(string connectionString)
        : this(connectionString, null)
    {
    }

    internal PostgresSessionKeySecretStore(string connectionString, KeyEncryptionKeys? keys)
    {
        _connectionString = connectionString;
        _keys = keys;
    }

    public async Task<byte[]> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(_connectionString, cancellationToken);
        byte[] stored;
        await using (var command = new NpgsqlCommand(Sql, connection))
        {
            command.Parameters.AddWithValue("name", Name);
            command.Parameters.AddWithValue("secret", SessionKeySecretEnvelope.Seal(_keys, RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes), Name));
            stored = (byte[])(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var (secret, reseal) = SessionKeySecretEnvelope.Open(_keys, stored, Name, "sessions_secrets");
        if (reseal)
        {
            await using var update = new NpgsqlCommand(ResealSql, connection);
            update.Parameters.AddWithValue("name", Name);
            update.Parameters.AddWithValue("stored", stored);
            update.Parameters.AddWithValue("sealed", SessionKeySecretEnvelope.Seal(_keys, secret, Name));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return secret;
    }
}
