using System.Globalization;
using Microsoft.Data.Sqlite;
using Sessions.Grains;

namespace Sessions.Silo;

/// <summary>
/// Deletes lapsed session rows from the SQLite schema. <c>ModifiedOn</c> is written by SQLite itself as ISO-8601 UTC
/// text of fixed width, so text order is time order and the cut-off is computed by SQLite's clock in the same format.
/// </summary>
public sealed class SqliteSessionRowPurger(string connectionString, string serviceId) : ISessionRowPurger
{
    // SQLite has no DELETE ... LIMIT in its default build: pick the batch by rowid in a subquery (one statement).
    private const string DeleteSql = """
        DELETE FROM SessionsGrainState
        WHERE rowid IN
        (
            SELECT rowid FROM SessionsGrainState
            WHERE ServiceId = $serviceId AND StateName = $stateName
              AND ModifiedOn < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', $offset)
            LIMIT $batchSize
        );
        """;

    public async Task<int> DeleteBatchAsync(TimeSpan age, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = DeleteSql;
        command.Parameters.AddWithValue("$serviceId", serviceId);
        command.Parameters.AddWithValue("$stateName", SessionStorage.StateName);
        command.Parameters.AddWithValue("$offset", Offset(age));
        command.Parameters.AddWithValue("$batchSize", batchSize);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The date modifier that moves 'now' back by <paramref name="age"/>, e.g. <c>-2.500 seconds</c>.</summary>
    internal static string Offset(TimeSpan age) =>
        (-age.TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture) + " seconds";
}
