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
