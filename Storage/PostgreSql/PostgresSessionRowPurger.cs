using Npgsql;
using Sessions.Grains;

namespace Sessions.Storage;

/// <summary>
/// Deletes lapsed session rows from PostgreSQL, by the table of the storage engine: the cut-off is <c>now() - age</c>
/// on the server, compared with <c>sessions_state.written_at</c> (Sessions) or <c>sessions_grain_state.modified_at</c>
/// (Orleans ADO.NET), which the server also writes; each served by an index (for the Sessions table, the one on
/// <c>written_bucket</c>, written_at rounded down to 10 minutes, so that session writes stay heap-only updates). A
/// purged session's end event (Sessions engine) goes to the outbox in the same statement, with its expiry as the end
/// time.
/// </summary>
public sealed class PostgresSessionRowPurger(string connectionString, string serviceId, SessionStorageEngine engine) : ISessionRowPurger
{
    // The batch is picked and locked by row address (ctid: a TID scan, whatever the statistics say); rows another
    // transaction holds (a grain writing) are skipped. The lock keeps the picked rows in place until the delete, which
    // checks the age again.
    private const string SessionsStateSql = """
        WITH deleted AS (
            DELETE FROM sessions_state AS s
            WHERE s.ctid = ANY (ARRAY(
                    SELECT b.ctid
                    FROM sessions_state AS b
                    WHERE b.service_id = @serviceId AND b.written_bucket < now() - @age AND b.written_at < now() - @age
                    LIMIT @batchSize
                    FOR UPDATE SKIP LOCKED))
              AND s.written_at < now() - @age
            RETURNING s.service_id, s.handle, s.user_id, s.created_at, s.expires_at, s.expiry_reason, s.page_views, s.interactions),
        events AS (
            INSERT INTO sessions_events (service_id, kind, handle, user_id, created_at, occurred_at, reason, page_views, interactions)
            SELECT service_id, 1, handle, user_id, created_at, expires_at, expiry_reason, page_views, interactions
            FROM deleted WHERE expiry_reason IS NOT NULL)
        SELECT count(*)::integer FROM deleted;
        """;

    private const string OrleansStateSql = """
        DELETE FROM sessions_grain_state AS s
        WHERE s.ctid = ANY (ARRAY(
                SELECT b.ctid
                FROM sessions_grain_state AS b
                WHERE b.service_id = @serviceId AND b.state_name = @stateName AND b.modified_at < now() - @age
                LIMIT @batchSize
                FOR UPDATE SKIP LOCKED))
          AND s.modified_at < now() - @age;
        """;

    public async Task<int> DeleteBatchAsync(TimeSpan age, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(engine == SessionStorageEngine.Sessions ? SessionsStateSql : OrleansStateSql, connection);
        command.Parameters.AddWithValue("serviceId", serviceId);
        command.Parameters.AddWithValue("stateName", SessionStorage.StateName);
        command.Parameters.AddWithValue("age", age);
        command.Parameters.AddWithValue("batchSize", batchSize);
        return engine == SessionStorageEngine.Sessions
            ? (int)(await command.ExecuteScalarAsync(cancellationToken))!
            : await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
