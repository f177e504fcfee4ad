using Microsoft.Data.Sqlite;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Purge;

/// <summary>The SQLite purge statement on rows of known ages: only this service's session rows past the age go.</summary>
public sealed class SqliteSessionRowPurgerTests : IAsyncLifetime
{
    private const string Service = "svc";
    private readonly string _folder = Directory.CreateTempSubdirectory("sessions-purger-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_folder, "sessions.db");

    public async ValueTask InitializeAsync() => await SqliteSchema.ApplyAsync(DatabasePath, Cancel);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task DeleteBatch_OldAndYoungRows_DeletesOnlyOldSessionRowsOfTheService()
    {
        for (var i = 0; i < 25; i++)
        {
            await InsertAsync(Service, "session", $"old-{i}", ageSeconds: 60);
        }

        await InsertAsync(Service, "session", "young", ageSeconds: 10);
        await InsertAsync("other-service", "session", "foreign", ageSeconds: 60);
        await InsertAsync(Service, "cart", "other-state", ageSeconds: 60);
        var purger = new SqliteSessionRowPurger(SqliteSchema.ConnectionString(DatabasePath), Service, SessionStorageEngine.OrleansAdoNet);

        var batches = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            batches.Add(await purger.DeleteBatchAsync(TimeSpan.FromSeconds(30), batchSize: 10, Cancel));
        }

        Assert.Equal([10, 10, 5, 0], batches);
        Assert.Equal(["foreign", "other-state", "young"], await KeysAsync());
    }

    [Fact]
    public async Task DeleteBatch_FractionalAge_CutsOffAtTheDatabaseClock()
    {
        await InsertAsync(Service, "session", "older", ageSeconds: 3.2);
        await InsertAsync(Service, "session", "newer", ageSeconds: 1.8);
        var purger = new SqliteSessionRowPurger(SqliteSchema.ConnectionString(DatabasePath), Service, SessionStorageEngine.OrleansAdoNet);

        var deleted = await purger.DeleteBatchAsync(TimeSpan.FromSeconds(2.5), batchSize: 100, Cancel);

        Assert.Equal(1, deleted);
        Assert.Equal(["newer"], await KeysAsync());
    }

    [Fact]
    public void Offset_IsASqliteSecondsModifier() =>
        Assert.Equal("-1560.250 seconds", SqliteSessionRowPurger.Offset(TimeSpan.FromMinutes(26) + TimeSpan.FromMilliseconds(250)));

    private async Task InsertAsync(string serviceId, string stateName, string key, double ageSeconds)
    {
        await using var connection = new SqliteConnection(SqliteSchema.ConnectionString(DatabasePath));
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO SessionsGrainState (ServiceId, StateName, KeyN0, KeyN1, KeyExt, Payload, Version, ModifiedOn)
            VALUES ($service, $state, 0, 0, $key, x'01', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', $offset));
            """;
        command.Parameters.AddWithValue("$service", serviceId);
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$offset", SqliteSessionRowPurger.Offset(TimeSpan.FromSeconds(ageSeconds)));
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private async Task<List<string>> KeysAsync()
    {
        await using var connection = new SqliteConnection(SqliteSchema.ConnectionString(DatabasePath));
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT KeyExt FROM SessionsGrainState ORDER BY KeyExt";
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
