using Microsoft.Data.Sqlite;
using Sessions.Grains;

namespace Sessions.Silo;

/// <summary>
/// Deletes lapsed rows of <c>sessions_state</c> (the Sessions engine on SQLite) by <c>written_at</c>, SQLite's own clock
/// at the last write, on a thread of its own: Microsoft.Data.Sqlite blocks, and the purge grain's turn must not.
/// </summary>
public sealed class SqliteSessionStatePurger(string connectionString, string serviceId) : ISessionRowPurger
{
    private const string DeleteSql = """
        DELETE FROM sessions_state
        WHERE service_id = $serviceId AND grain_key IN
        (
            SELECT grain_key FROM sessions_state
            WHERE service_id = $serviceId AND written_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', $offset)
            LIMIT $batchSize
        );
        """;

    public Task<int> DeleteBatchAsync(TimeSpan age, int batchSize, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => DeleteBatch(age, batchSize), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private int DeleteBatch(TimeSpan age, int batchSize)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000;" + DeleteSql;
        command.Parameters.AddWithValue("$serviceId", serviceId);
        command.Parameters.AddWithValue("$offset", SqliteSessionRowPurger.Offset(age));
        command.Parameters.AddWithValue("$batchSize", batchSize);
        return command.ExecuteNonQuery();
    }
}
