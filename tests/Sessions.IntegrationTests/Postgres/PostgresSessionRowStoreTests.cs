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
