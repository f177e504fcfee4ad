using Microsoft.Data.Sqlite;
using Sessions.Grains.Interfaces;

namespace Sessions.Storage;

/// <summary>
/// The prepared statements on <c>sessions_state</c> of one SQLite connection (each thread of the store has its own).
/// Times are Unix milliseconds; <c>written_at</c> is SQLite's own clock as fixed-width ISO-8601 text, for the purge.
/// </summary>
internal sealed class SqliteSessionStatements : IDisposable
{
    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private readonly SqliteCommand _read;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _exists;
    private readonly SqliteCommand _event;

    public SqliteSessionStatements(SqliteConnection connection, string serviceId)
    {
        Connection = connection;
        _read = Prepare(connection, serviceId, """
            SELECT version, user_id, created_at, last_access_at, expires_at, payload
            FROM sessions_state WHERE service_id = $service AND grain_key = $key
            """);
        _insert = Prepare(connection, serviceId, $"""
            INSERT INTO sessions_state (service_id, grain_key, version, user_id, created_at, last_access_at, expires_at, written_at, payload,
                                        handle, expiry_reason, page_views, interactions)
            VALUES ($service, $key, 1, $user, $created, $access, $expires, {Now}, $payload, $handle, $expiry, $views, $interactions)
            ON CONFLICT (service_id, grain_key) DO NOTHING
            """, RowParameters);
        _update = Prepare(connection, serviceId, $"""
            UPDATE sessions_state
            SET version = version + 1, user_id = $user, created_at = $created, last_access_at = $access,
                expires_at = $expires, written_at = {Now}, payload = $payload, handle = $handle, expiry_reason = $expiry,
                page_views = $views, interactions = $interactions
            WHERE service_id = $service AND grain_key = $key AND version = $version
            """, [.. RowParameters, "$version"]);
        _delete = Prepare(connection, serviceId,
            "DELETE FROM sessions_state WHERE service_id = $service AND grain_key = $key AND version = $version", "$version");
        _exists = Prepare(connection, serviceId, "SELECT 1 FROM sessions_state WHERE service_id = $service AND grain_key = $key");
        _event = Prepare(connection, serviceId, """
            INSERT INTO sessions_events (service_id, kind, handle, user_id, created_at, occurred_at, reason, page_views, interactions)
            VALUES ($service, $kind, $handle, $user, $created, $occurred, $reason, $views, $interactions)
            """, "$kind", "$handle", "$user", "$created", "$occurred", "$reason", "$views", "$interactions");
    }

    private static readonly string[] RowParameters =
        ["$user", "$created", "$access", "$expires", "$payload", "$handle", "$expiry", "$views", "$interactions"];

    public SqliteConnection Connection { get; }

    public (SessionRow Row, long Version)? Read(string grainKey)
    {
        _read.Parameters["$key"].Value = grainKey;
        using var reader = _read.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var row = new SessionRow(grainKey, reader.IsDBNull(1) ? null : reader.GetString(1), Time(reader.GetInt64(2)),
            Time(reader.GetInt64(3)), Time(reader.GetInt64(4)), (byte[])reader.GetValue(5));
        return (row, reader.GetInt64(0));
    }

    /// <summary>
    /// Applies one write inside the caller's transaction: the new version, null after a delete, or a conflict. The
    /// write's event is stored only when the write itself applied.
    /// </summary>
    public long? Apply(SessionRowWrite write, SqliteTransaction transaction)
    {
        if (write.Row is null)
        {
            if (Run(_delete, transaction, write) == 1)
            {
                AddEvent(write, transaction);
                return null;
            }

            return Exists(write.GrainKey, transaction) ? SessionRowWrite.Conflict : null;
        }

        var applied = Run(write.ExpectedVersion is null ? _insert : _update, transaction, write) == 1;
        if (!applied)
        {
            return SessionRowWrite.Conflict;
        }

        AddEvent(write, transaction);
        return write.ExpectedVersion is { } expected ? expected + 1 : 1;
    }

    private void AddEvent(SessionRowWrite write, SqliteTransaction transaction)
    {
        if (write.Event is not { } e)
        {
            return;
        }

        _event.Transaction = transaction;
        var p = _event.Parameters;
        p["$kind"].Value = (int)e.Kind;
        p["$handle"].Value = e.SessionHandle;
        p["$user"].Value = (object?)e.UserId ?? DBNull.Value;
        p["$created"].Value = e.CreatedAt.ToUnixTimeMilliseconds();
        p["$occurred"].Value = e.OccurredAt.ToUnixTimeMilliseconds();
        p["$reason"].Value = e.Reason is { } reason ? (int)reason : DBNull.Value;
        p["$views"].Value = e.PageViews;
        p["$interactions"].Value = e.Interactions;
        _event.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _read, _insert, _update, _delete, _exists, _event })
        {
            command.Dispose();
        }

        Connection.Dispose();
    }

    private static int Run(SqliteCommand command, SqliteTransaction transaction, SessionRowWrite write)
    {
        command.Transaction = transaction;
        command.Parameters["$key"].Value = write.GrainKey;
        if (write.ExpectedVersion is { } version && command.Parameters.Contains("$version"))
        {
            command.Parameters["$version"].Value = version;
        }

        if (write.Row is { } row)
        {
            command.Parameters["$user"].Value = (object?)row.UserId ?? DBNull.Value;
            command.Parameters["$created"].Value = row.CreatedAt.ToUnixTimeMilliseconds();
            command.Parameters["$access"].Value = row.LastAccessAt.ToUnixTimeMilliseconds();
            command.Parameters["$expires"].Value = row.ExpiresAt.ToUnixTimeMilliseconds();
            command.Parameters["$payload"].Value = row.Payload;
            command.Parameters["$handle"].Value = row.Handle;
            command.Parameters["$expiry"].Value = row.ExpiryReason is { } expiry ? (int)expiry : DBNull.Value;
            command.Parameters["$views"].Value = row.PageViews;
            command.Parameters["$interactions"].Value = row.Interactions;
        }

        return command.ExecuteNonQuery();
    }

    private bool Exists(string grainKey, SqliteTransaction transaction)
    {
        _exists.Transaction = transaction;
        _exists.Parameters["$key"].Value = grainKey;
        return _exists.ExecuteScalar() is not null;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string serviceId, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", serviceId);
        command.Parameters.AddWithValue("$key", "");
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
