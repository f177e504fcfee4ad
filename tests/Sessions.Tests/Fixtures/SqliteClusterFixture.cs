using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Fixtures;

/// <summary>The test cluster on the production SQLite storage (the Sessions engine), in a throwaway database file.</summary>
public class SqliteClusterFixture : ClusterFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sessions-sqlite-").FullName;

    public string DatabasePath => Path.Combine(_folder, "sessions.db");

    public override async ValueTask InitializeAsync()
    {
        await SqliteSchema.ApplyAsync(DatabasePath);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Number of stored rows (tombstones included) whose key is <paramref name="sessionId"/>.</summary>
    public async Task<long> CountRowsAsync(string sessionId) =>
        (long)(await ExecuteAsync("SELECT COUNT(*) FROM sessions_state WHERE grain_key = $key", sessionId))!;

    /// <summary>Bumps the stored version behind the grain's back, as a second activation's write would.</summary>
    public Task BumpVersionAsync(string sessionId) =>
        ExecuteAsync("UPDATE sessions_state SET version = version + 1 WHERE grain_key = $key", sessionId);

    /// <summary>Deletes the stored row of <paramref name="sessionId"/> behind the grain's back, as the purge would.</summary>
    public Task DeleteRowAsync(string sessionId) =>
        ExecuteAsync("DELETE FROM sessions_state WHERE grain_key = $key", sessionId);

    /// <summary>Drops the session table, so every later storage call fails in the database as on a broken disk.</summary>
    public async Task BreakStorageAsync()
    {
        await using var connection = new SqliteConnection(SqliteSchema.ConnectionString(DatabasePath));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DROP TABLE sessions_state";
        await command.ExecuteNonQueryAsync();
    }

    protected override void ConfigureStorage(ISiloBuilder silo) => silo.AddSqliteSessionStorage(DatabasePath);

    // AddSqliteSessionStorage keeps the user indexes and the epoch in the same file.
    protected override void ConfigureDirectoryStorage(ISiloBuilder silo)
    {
    }

    /// <summary>
    /// Activations stay in memory past the idle timeout (collection after an hour), so sessions that lapse while
    /// active end on their own expiry timer: the case of an idle timeout below <c>SessionActivation:IdleDeactivation</c>.
    /// </summary>
    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Services.Configure<SessionActivationOptions>(activation => activation.IdleDeactivation = TimeSpan.FromHours(1));

    /// <summary>Runs one statement about the row of <paramref name="sessionId"/> (bound as <c>$key</c>); returns its scalar.</summary>
    private async Task<object?> ExecuteAsync(string sql, string sessionId)
    {
        await using var connection = new SqliteConnection(SqliteSchema.ConnectionString(DatabasePath));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", sessionId);
        return await command.ExecuteScalarAsync();
    }
}
