using Npgsql;
using Sessions.Grains;

namespace Sessions.Silo;

/// <summary>
/// Deletes lapsed rows of <c>sessions_state</c> (the Sessions engine on PostgreSQL): the cut-off is <c>now() - age</c>
/// on the server, compared with <c>written_at</c>, which the server also writes; served by <c>sessions_state_written</c>.
/// </summary>
public sealed class PostgresSessionStatePurger(string connectionString, string serviceId) : ISessionRowPurger
{
    // As for Orleans' table: the batch is picked and locked by row address, rows a writer holds are skipped, and the
    // delete checks the age again.
    private const string DeleteSql = """
        DELETE FROM sessions_state AS s
        WHERE s.ctid = ANY (ARRAY(
                SELECT b.ctid
                FROM sessions_state AS b
                WHERE b.service_id = @serviceId AND b.written_at < now() - @age
                LIMIT @batchSize
                FOR UPDATE SKIP LOCKED))
          AND s.written_at < now() - @age;
        """;

    public async Task<int> DeleteBatchAsync(TimeSpan age, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(DeleteSql, connection);
        command.Parameters.AddWithValue("serviceId", serviceId);
        command.Parameters.AddWithValue("age", age);
        command.Parameters.AddWithValue("batchSize", batchSize);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
