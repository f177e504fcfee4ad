using Microsoft.Data.Sqlite;
using Sessions.Grains;
using Sessions.Grains.Interfaces;

namespace Sessions.Storage;

/// <summary>
/// The event outbox in SQLite (<c>sessions_events</c>), read and trimmed by the dispatcher on a thread of its own:
/// Microsoft.Data.Sqlite blocks, and the dispatcher's turn must not.
/// </summary>
public sealed class SqliteSessionEventOutbox(string connectionString, string serviceId) : ISessionEventOutbox
{
    private const string ReadSql = """
        SELECT seq, kind, handle, user_id, created_at, occurred_at, reason, page_views, interactions
        FROM sessions_events WHERE service_id = $service ORDER BY seq LIMIT $max
        """;

    public Task<IReadOnlyList<SessionLifecycleEvent>> ReadOldestAsync(int max, CancellationToken cancellationToken) =>
        Run(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = ReadSql;
            command.Parameters.AddWithValue("$service", serviceId);
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            var events = new List<SessionLifecycleEvent>();
            while (reader.Read())
            {
                events.Add(new SessionLifecycleEvent(
                    reader.GetInt64(0), (SessionEventKind)reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                    reader.IsDBNull(6) ? null : (SessionEndReason)reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8)));
            }

            return (IReadOnlyList<SessionLifecycleEvent>)events;
        }, cancellationToken);

    public Task DeleteAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken) =>
        Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM sessions_events WHERE service_id = $service AND seq = $seq";
            command.Parameters.AddWithValue("$service", serviceId);
            var sequence = command.Parameters.Add("$seq", SqliteType.Integer);
            foreach (var seq in sequences)
            {
                sequence.Value = seq;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return sequences.Count;
        }, cancellationToken);

    private Task<T> Run<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                using (var timeout = connection.CreateCommand())
                {
                    timeout.CommandText = "PRAGMA busy_timeout = 5000;";
                    timeout.ExecuteNonQuery();
                }

                return work(connection);
            }
            catch (SqliteException exception)
            {
                throw new SessionStorageException($"The session event outbox could not be read: {exception.Message}");
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
