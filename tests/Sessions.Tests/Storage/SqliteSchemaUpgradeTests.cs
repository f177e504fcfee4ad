using Microsoft.Data.Sqlite;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Storage;

/// <summary>A SQLite file of schema version 2 (before session events) upgrades in place, keeping its sessions.</summary>
public sealed class SqliteSchemaUpgradeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sessions-sqlite-upgrade-").FullName;

    private string DatabasePath => Path.Combine(_folder, "sessions.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AVersion2File_GetsTheEventColumnsAndTheOutbox_AndKeepsItsRows_AndAppliesAgainAsANoOp()
    {
        await ExecuteAsync("""
            CREATE TABLE sessions_state (service_id TEXT NOT NULL, grain_key TEXT NOT NULL, version INTEGER NOT NULL, user_id TEXT NULL,
                created_at INTEGER NOT NULL, last_access_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, written_at TEXT NOT NULL, payload BLOB NOT NULL);
            CREATE UNIQUE INDEX ux_sessions_state_key ON sessions_state (service_id, grain_key);
            INSERT INTO sessions_state VALUES ('svc', 'k', 4, NULL, 1, 2, 3, '2026-01-01T00:00:00.000Z', x'01');
            PRAGMA user_version = 2;
            """);

        await SqliteSchema.ApplyAsync(DatabasePath, TestContext.Current.CancellationToken);
        await SqliteSchema.ApplyAsync(DatabasePath, TestContext.Current.CancellationToken);

        Assert.Equal((long)SqliteSchema.CurrentVersion, await ScalarAsync("PRAGMA user_version"));
        Assert.Equal("4||2|0|0", await ScalarAsync(
            "SELECT version || '|' || handle || '|' || expiry_reason || '|' || page_views || '|' || interactions FROM sessions_state WHERE grain_key = 'k'"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sessions_events"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(SqliteSchema.ConnectionString(DatabasePath));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(SqliteSchema.ConnectionString(DatabasePath));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
