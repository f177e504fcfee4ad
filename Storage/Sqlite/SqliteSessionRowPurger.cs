using System.Globalization;
using Microsoft.Data.Sqlite;
using Sessions.Grains;

namespace Sessions.Storage;

/// <summary>
/// Deletes lapsed session rows from SQLite, by the table of the storage engine: <c>sessions_state.written_at</c>
/// (Sessions) or <c>SessionsGrainState.ModifiedOn</c> (Orleans ADO.NET). Both are written by SQLite itself as ISO-8601
/// UTC text of fixed width, so text order is time order and the cut-off is computed by SQLite's clock in the same
/// format. Runs on a thread of its own: Microsoft.Data.Sqlite blocks, and the purge grain's turn must not. A purged
/// session's end event (Sessions engine) goes to the outbox in the same transaction, with its expiry as the end time.
/// </summary>
public sealed class SqliteSessionRowPurger(string connectionString, string serviceId, SessionStorageEngine engine) : ISessionRowPurger
{
    // SQLite has no DELETE ... LIMIT in its default build: the batch is picked into a temporary table, then the end
    // events of its sessions (not of renewal traces) are written and its rows deleted, in one transaction.
    private const string SessionsStateSql = """
        CREATE TEMP TABLE IF NOT EXISTS purge_batch (id INTEGER PRIMARY KEY);
        DELETE FROM temp.purge_batch;
        INSERT INTO temp.purge_batch
            SELECT rowid FROM sessions_state
            WHERE service_id = $serviceId AND written_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', $offset)
            LIMIT $batchSize;
        INSERT INTO sessions_events (service_id, kind, handle, user_id, created_at, occurred_at, reason, page_views, interactions)
            SELECT service_id, 1, handle, user_id, created_at, expires_at, expiry_reason, page_views, interactions
            FROM sessions_state
            WHERE rowid IN (SELECT id FROM temp.purge_batch) AND expiry_reason IS NOT NULL;
        DELETE FROM sessions_state WHERE rowid IN (SELECT id FROM temp.purge_batch);
        SELECT count(*) FROM temp.purge_batch;
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
        using (var timeout = connection.CreateCommand())
        {
            timeout.CommandText = "PRAGMA busy_timeout = 5000;";
            timeout.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = engine == SessionStorageEngine.Sessions ? SessionsStateSql : OrleansStateSql;
        command.Parameters.AddWithValue("$serviceId", serviceId);
        command.Parameters.AddWithValue("$stateName", SessionStorage.StateName);
        command.Parameters.AddWithValue("$offset", Offset(age));
        command.Parameters.AddWithValue("$batchSize", batchSize);
        var deleted = engine == SessionStorageEngine.Sessions ? Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture) : command.ExecuteNonQuery();
        transaction.Commit();
        return deleted;
    }
}
