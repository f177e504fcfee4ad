using Npgsql;
using Sessions.Grains;

namespace Sessions.Silo;

/// <summary>
/// Deletes lapsed session rows from the PostgreSQL schema. The cut-off is <c>now() - age</c> on the server, compared
/// with <c>modified_at</c>, which the server also writes; served by the <c>sessions_grain_state_modified</c> index.
/// </summary>
public sealed class PostgresSessionRowPurger(string connectionString, string serviceId) : ISessionRowPurger
{
    // The batch is picked and locked first; rows another transaction holds (a grain writing) are skipped, and the
    // age is checked again on the row actually deleted.
    private const string DeleteSql = """
        WITH batch AS
        (
            SELECT s.key_n0, s.key_n1, s.key_ext
            FROM sessions_grain_state AS s
            WHERE s.service_id = @serviceId AND s.state_name = @stateName AND s.modified_at < now() - @age
            LIMIT @batchSize
            FOR UPDATE SKIP LOCKED
        )
        DELETE FROM sessions_grain_state AS s
        USING batch AS b
        WHERE s.service_id = @serviceId AND s.state_name = @stateName
          AND s.key_n0 = b.key_n0 AND s.key_n1 = b.key_n1 AND s.key_ext = b.key_ext
          AND s.modified_at < now() - @age;
        """;

    public async Task<int> DeleteBatchAsync(TimeSpan age, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(DeleteSql, connection);
        command.Parameters.AddWithValue("serviceId", serviceId);
        command.Parameters.AddWithValue("stateName", SessionStorage.StateName);
        command.Parameters.AddWithValue("age", age);
        command.Parameters.AddWithValue("batchSize", batchSize);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
