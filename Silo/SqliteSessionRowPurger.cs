using System.Globalization;
using Microsoft.Data.Sqlite;
using Sessions.Grains;

namespace Sessions.Silo;

/// <summary>
/// Deletes lapsed session rows from SQLite, by the table of the storage engine: <c>sessions_state.written_at</c>
/// (Sessions) or <c>SessionsGrainState.ModifiedOn</c> (Orleans ADO.NET). Both are written by SQLite itself as ISO-8601
/// UTC text of fixed width, so text order is time order and the cut-off is computed by SQLite's clock in the same
/// format. Runs on a thread of its own: Microsoft.Data.Sqlite blocks, and the purge grain's turn must not.
/// </summary>
public sealed class SqliteSessionRowPurger(string connectionString, string serviceId, SessionStorageEngine engine) : ISessionRowPurger
{
    // SQLite has no DELETE ... LIMIT in its default build: pick the batch in a subquery (one statement).
    private const string SessionsStateSql = """
        DELETE FROM sessions_state
        WHERE rowid IN
        (
            SELECT rowid FROM sessions_state
            WHERE service_id = $serviceId AND written_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', $offset)
            LIMIT $batchSize
        );
        """;

    private const string OrleansStateSql = """
        DELETE FROM SessionsGrainState
        WHERE rowid IN
        (
            SELECT rowid FROM SessionsGrainState
            WHERE ServiceId = $serviceId AND StateName = $stateName
              AND ModifiedOn < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', $offset)
            LIMIT $batchSize
        );
        """;

    public Task<int> DeleteBatchAsync(TimeSpan age, int batchSize, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => DeleteBatch(age, batchSize), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The date modifier that moves 'now' back by <paramref name="age"/>, e.g. <c>-2.500 seconds</c>.</summary>
    internal static string Offset(TimeSpan age) =>
        (-age.TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture) + " seconds";

    private int DeleteBatch(TimeSpan age, int batchSize)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000;" + (engine == SessionStorageEngine.Sessions ? SessionsStateSql : OrleansStateSql);
        command.Parameters.AddWithValue("$serviceId", serviceId);
        command.Parameters.AddWithValue("$stateName", SessionStorage.StateName);
        command.Parameters.AddWithValue("$offset", Offset(age));
        command.Parameters.AddWithValue("$batchSize", batchSize);
        return command.ExecuteNonQuery();
    }
}
