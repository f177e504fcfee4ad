using Npgsql;
using Sessions.Grains;

namespace Sessions.Silo;

/// <summary>
/// Deletes lapsed session rows from the PostgreSQL schema. The cut-off is <c>now() - age</c> on the server, compared
/// with <c>modified_at</c>, which the server also writes; served by the <c>sessions_grain_state_modified</c> index.
/// </summary>
public sealed class PostgresSessionRowPurger(string connectionString, string serviceId) : ISessionRowPurger
{
    // The batch is picked and locked by row address (ctid: a TID scan, whatever the statistics say); rows another
    // transaction holds (a grain writing) are skipped. The lock keeps the picked rows in place until the delete, which
    // checks the age again.
    private const string DeleteSql = """
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
        await using var command = new NpgsqlCommand(DeleteSql, connection);
        command.Parameters.AddWithValue("serviceId", serviceId);
        command.Parameters.AddWithValue("stateName", SessionStorage.StateName);
        command.Parameters.AddWithValue("age", age);
        command.Parameters.AddWithValue("batchSize", batchSize);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
