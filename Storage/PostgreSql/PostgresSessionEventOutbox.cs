using Npgsql;
using Sessions.Grains;
using Sessions.Grains.Interfaces;

namespace Sessions.Storage;

/// <summary>
/// The event outbox in PostgreSQL (<c>sessions_events</c>). Identity values can commit out of order across silos, so the
/// dispatcher deletes what it delivered rather than remembering a position: an event committed late is read later.
/// </summary>
public sealed class PostgresSessionEventOutbox(string connectionString, string serviceId) : ISessionEventOutbox, IAsyncDisposable
{
    private const string ReadSql = """
        SELECT seq, kind, handle, user_id, created_at, occurred_at, reason, page_views, interactions
        FROM sessions_events WHERE service_id = $1 ORDER BY seq LIMIT $2
        """;

    private readonly NpgsqlDataSource _database = NpgsqlDataSource.Create(connectionString);

    public async Task<IReadOnlyList<SessionLifecycleEvent>> ReadOldestAsync(int max, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _database.CreateCommand(ReadSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var events = new List<SessionLifecycleEvent>();
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new SessionLifecycleEvent(
                    reader.GetInt64(0), (SessionEventKind)reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
                    reader.IsDBNull(6) ? null : (SessionEndReason)reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8)));
            }

            return events;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new SessionStorageException($"The session event outbox could not be read: {PostgresConnections.Innermost(exception).Message}");
        }
    }

    public async Task DeleteAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _database.CreateCommand("DELETE FROM sessions_events WHERE service_id = $1 AND seq = ANY($2)");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. sequences] });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new SessionStorageException($"The session event outbox could not be trimmed: {PostgresConnections.Innermost(exception).Message}");
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
