using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.Tests.Storage;

namespace Sessions.Tests.Postgres;

/// <summary>The group-commit store on PostgreSQL (one Npgsql batch, one round trip, per batch).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionRowStoreTests(PostgresFixture fixture) : RowStoreBehaviour
{
    private string _database = "";

    protected override async Task<(ISessionRowStore, WriteBatches, IAsyncDisposable)> CreateStoreAsync(int capacity)
    {
        _database = await fixture.CreateDatabaseAsync(Token);
        await PostgresSchema.ApplyAsync(_database, Token);
        var store = new PostgresSessionRowStore(_database, "svc", capacity, NullLogger<PostgresSessionRowStore>.Instance);
        return (store, store.Writes, store);
    }

    /// <summary>
    /// Heap-only updates: no new index entries and less WAL per write. Every write used to change an indexed column
    /// (written_at), which rules them out. Read from the table's first page (pageinspect): a tuple flagged heap-only
    /// (0x8000 in t_infomask2) is a version written that way. Three writes: a 10-minute boundary in between (a new
    /// bucket, an indexed change) can only make one of the two updates not heap-only.
    /// </summary>
    [Fact]
    public async Task UpdatesOfASession_AreHeapOnly()
    {
        var (store, _, lifetime) = await CreateStoreAsync(capacity: 10);
        await using var _ = lifetime;
        long? version = null;
        for (var i = 0; i < 3; i++)
        {
            var write = new SessionRowWrite("hot", version,
                new SessionRow("hot", "user", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(i), DateTimeOffset.UnixEpoch, [1, 2, 3]));
            await store.EnqueueAsync(write, Token);
            version = await write.Done;
        }

        await Sql.ExecuteAsync(_database, "CREATE EXTENSION IF NOT EXISTS pageinspect;", Token);
        var heapOnly = await Sql.ScalarAsync<long>(_database,
            "SELECT count(*) FROM heap_page_items(get_raw_page('sessions_state', 0)) WHERE t_infomask2 & 32768 <> 0", Token);

        Assert.Equal(3, version);
        Assert.InRange(heapOnly, 1, 2);
    }

    /// <summary>
    /// PostgreSQL ended every connection (a restart, a failover, <c>pg_terminate_backend</c>): the pool still holds them,
    /// idle, and Npgsql finds out only on the next use, with 57P01. A silo whose pool sat unused through a database
    /// restart failed its first read or write after the database was back, however long after. One retry on a new
    /// connection, when the server said it ended the connection (so the statement never ran).
    /// </summary>
    [Fact]
    public async Task ConnectionsEndedByTheServer_CostNoReadOrWrite()
    {
        var (store, _, lifetime) = await CreateStoreAsync(capacity: 10);
        await using var _ = lifetime;
        var first = new SessionRowWrite("ended", null, Row("ended", 1));
        await store.EnqueueAsync(first, Token);
        var version = await first.Done;
        Assert.NotNull(await store.ReadAsync("ended", Token)); // the pool now holds idle connections

        Assert.True(await EndConnectionsAsync() > 0);
        var second = new SessionRowWrite("ended", version, Row("ended", 2));
        await store.EnqueueAsync(second, Token);
        Assert.Equal(version + 1, await second.Done);

        await store.ReadAsync("ended", Token); // one idle connection for the read, then end them all again
        Assert.True(await EndConnectionsAsync() > 0);
        var read = await store.ReadAsync("ended", Token);
        Assert.Equal(version + 1, read?.Version);
    }

    private static SessionRow Row(string key, int seconds) =>
        new(key, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(seconds), DateTimeOffset.UnixEpoch.AddDays(1), [1]);

    /// <summary>
    /// Ends every other connection to the test's database as a restart does (57P01), waiting until each backend is gone;
    /// how many there were.
    /// </summary>
    private Task<long> EndConnectionsAsync() => Sql.ScalarAsync<long>(fixture.AdminConnectionString, """
        SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity
        WHERE datname = @database AND pid <> pg_backend_pid()
        """, Token, ("database", new NpgsqlConnectionStringBuilder(_database).Database!));

    protected override async Task<IAsyncDisposable> StallWritesAsync()
    {
        var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Token);
        var transaction = await connection.BeginTransactionAsync(Token);
        await using (var command = new NpgsqlCommand("LOCK TABLE sessions_state IN EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(Token);
        }

        return new Release(connection, transaction);
    }

    private sealed class Release(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}
