using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Sessions.Storage;

namespace Sessions.Tests.Storage;

/// <summary>Session state encrypted at rest (<c>KeyEncryption:EncryptPayloads</c>) on a real SQLite file, and the file's owner-only mode.</summary>
public sealed class SessionPayloadEncryptionTests : IDisposable
{
    private static readonly byte[] Value = Encoding.UTF8.GetBytes("card ending 4242 in the cart");
    private readonly string _folder = Directory.CreateTempSubdirectory("sessions-payload-").FullName;
    private readonly ServiceProvider _serialization = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_folder, "sessions.db");

    public void Dispose()
    {
        _serialization.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task StoredSessionStateIsEncryptedAndReadsBack()
    {
        using var rows = await RowsAsync();
        var store = StateStore(rows, new KeyEncryptionKeys(RandomNumberGenerator.GetBytes(32), []));

        await store.WriteAsync("grain-a", null, State(), null, Token);

        Assert.Equal(Value, (await store.ReadAsync("grain-a", Token))!.State.Items["cart"]);
        var payload = await StoredPayloadAsync("grain-a");
        Assert.True(payload.AsSpan().IndexOf(Value) < 0, "The written value is in the row in plaintext.");
        Assert.True(KeyEncryptionKeys.IsSealed(payload));
    }

    [Fact]
    public async Task AnEncryptedPayloadMovedToAnotherRowDoesNotDecrypt()
    {
        using var rows = await RowsAsync();
        var store = StateStore(rows, new KeyEncryptionKeys(RandomNumberGenerator.GetBytes(32), []));
        await store.WriteAsync("victim", null, State(), null, Token);
        await store.WriteAsync("attacker", null, new SessionState(), null, Token);

        await ExecuteAsync("UPDATE sessions_state SET payload = (SELECT payload FROM sessions_state WHERE grain_key = 'victim') WHERE grain_key = 'attacker'");

        await Assert.ThrowsAnyAsync<CryptographicException>(() => store.ReadAsync("attacker", Token));
    }

    [Fact]
    public async Task RowsUnderAnEarlierKeyStillReadAndNewWritesUseTheCurrentKey()
    {
        var (old, current) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        using var rows = await RowsAsync();
        await StateStore(rows, new KeyEncryptionKeys(old, [])).WriteAsync("grain-a", null, State(), null, Token);
        var afterRollover = new KeyEncryptionKeys(current, [old]);
        var store = StateStore(rows, afterRollover);

        var read = (await store.ReadAsync("grain-a", Token))!;
        Assert.Equal(Value, read.State.Items["cart"]);
        Assert.False(afterRollover.IsCurrent(await StoredPayloadAsync("grain-a")));

        await store.WriteAsync("grain-a", read.ETag, read.State, null, Token);
        Assert.True(afterRollover.IsCurrent(await StoredPayloadAsync("grain-a")));
    }

    [Fact]
    public async Task PlaintextRowsFromBeforeEncryptionStillRead()
    {
        using var rows = await RowsAsync();
        await StateStore(rows, keys: null).WriteAsync("grain-a", null, State(), null, Token);

        Assert.Equal(Value, (await StateStore(rows, new KeyEncryptionKeys(RandomNumberGenerator.GetBytes(32), [])).ReadAsync("grain-a", Token))!.State.Items["cart"]);
    }

    [Fact]
    public async Task SqliteDatabaseFileIsCreatedReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
        }
        else
        {
            using var rows = await RowsAsync();
            await StateStore(rows, keys: null).WriteAsync("grain-a", null, State(), null, Token);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DatabasePath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DatabasePath + "-wal"));
        }
    }

    private async Task<SqliteSessionRowStore> RowsAsync()
    {
        await SqliteSchema.ApplyAsync(DatabasePath, Token);
        return new SqliteSessionRowStore(DatabasePath, "svc", SqliteDurability.Full, 16, NullLogger<SqliteSessionRowStore>.Instance);
    }

    private SessionRowStateStore StateStore(ISessionRowStore rows, KeyEncryptionKeys? keys) =>
        new(rows, _serialization.GetRequiredService<Serializer<SessionState>>(), keys is null ? null : new SessionPayloadEncryption(keys));

    private static SessionState State() => new() { Items = ImmutableDictionary<string, byte[]>.Empty.Add("cart", Value) };

    private async Task<byte[]> StoredPayloadAsync(string grainKey)
    {
        await using var connection = new SqliteConnection(SqliteSchema.ConnectionString(DatabasePath));
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM sessions_state WHERE grain_key = $key";
        command.Parameters.AddWithValue("$key", grainKey);
        return (byte[])(await command.ExecuteScalarAsync(Token))!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(SqliteSchema.ConnectionString(DatabasePath));
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Token);
    }
}
