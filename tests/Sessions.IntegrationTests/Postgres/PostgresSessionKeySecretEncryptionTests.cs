using System.Security.Cryptography;
using Sessions.Storage;

namespace Sessions.Tests.Postgres;

/// <summary>The session-key secret in PostgreSQL under the key-encryption key: never stored in plaintext once a KEK is configured.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionKeySecretEncryptionTests(PostgresFixture postgres)
{
    private const string StoredSecret = "SELECT secret FROM sessions_secrets WHERE name = 'session-grain-key'";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SessionKeySecretRowIsEncryptedUnderTheKeyEncryptionKey_AndAPlaintextRowFromBeforeIsReencrypted()
    {
        var database = await postgres.CreateDatabaseAsync(Token);
        await PostgresSchema.ApplyAsync(database, Token);
        var before = await new PostgresSessionKeySecretStore(database).GetOrCreateAsync(Token);
        Assert.Equal(before, await Sql.ScalarAsync<byte[]>(database, StoredSecret, Token));
        var keys = new KeyEncryptionKeys(RandomNumberGenerator.GetBytes(32), []);

        Assert.Equal(before, await new PostgresSessionKeySecretStore(database, keys).GetOrCreateAsync(Token));

        var stored = await Sql.ScalarAsync<byte[]>(database, StoredSecret, Token);
        Assert.True(stored.AsSpan().IndexOf(before) < 0, "The secret is still in the row in plaintext.");
        Assert.Equal(before, await new PostgresSessionKeySecretStore(database, keys).GetOrCreateAsync(Token));
        await Assert.ThrowsAsync<StartupException>(() => new PostgresSessionKeySecretStore(database).GetOrCreateAsync(Token));
    }
}
