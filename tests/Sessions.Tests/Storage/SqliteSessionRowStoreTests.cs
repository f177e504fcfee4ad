using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Storage;

/// <summary>The group-commit store on SQLite (writer thread, one transaction per batch).</summary>
public sealed class SqliteSessionRowStoreTests : RowStoreBehaviour, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sessions-rowstore-").FullName;

    private string DatabasePath => Path.Combine(_folder, "sessions.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    protected override async Task<(ISessionRowStore, WriteBatches, IAsyncDisposable)> CreateStoreAsync(int capacity)
    {
        await SqliteSchema.ApplyAsync(DatabasePath, Token);
        var store = new SqliteSessionRowStore(DatabasePath, "svc", SqliteDurability.Full, capacity, NullLogger<SqliteSessionRowStore>.Instance);
        return (store, store.Writes, new Disposal(store.Dispose));
    }

    protected override async Task<IAsyncDisposable> StallWritesAsync()
    {
        var connection = new SqliteConnection(SqliteSchema.ConnectionString(DatabasePath));
        await connection.OpenAsync(Token);
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync(Token);
        }

        return new Disposal(() =>
        {
            using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                rollback.ExecuteNonQuery();
            }

            connection.Dispose();
        });
    }

    private sealed class Disposal(Action action) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            action();
            return ValueTask.CompletedTask;
        }
    }
}
