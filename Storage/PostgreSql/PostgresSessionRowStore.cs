using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Sessions.Grains.Interfaces;

namespace Sessions.Storage;

/// <summary>
/// Session rows in PostgreSQL with group commit: one writer loop sends whatever writes are waiting as one
/// <see cref="NpgsqlBatch"/> (one round trip, one implicit transaction), each statement with its own version check.
/// </summary>
public sealed class PostgresSessionRowStore : ISessionRowStore, IAsyncDisposable
{
    private const string ReadSql = """
        SELECT version, user_id, created_at, last_access_at, expires_at, payload
        FROM sessions_state WHERE service_id = $1 AND grain_key = $2
        """;

    private const string InsertSql = """
        INSERT INTO sessions_state (service_id, grain_key, version, user_id, created_at, last_access_at, expires_at, payload,
                                    handle, expiry_reason, page_views, interactions)
        VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (service_id, grain_key) DO NOTHING
        RETURNING version
        """;

    // written_bucket: the column's default computes the same for an insert (schema version 5).
    private const string UpdateSql = """
        UPDATE sessions_state
        SET version = version + 1, user_id = $3, created_at = $4, last_access_at = $5, expires_at = $6, payload = $7,
            written_at = now(), written_bucket = date_bin('10 minutes', now(), TIMESTAMPTZ '2000-01-01 00:00:00+00'),
            handle = $9, expiry_reason = $10, page_views = $11, interactions = $12
        WHERE service_id = $1 AND grain_key = $2 AND version = $8
        RETURNING version
        """;

    // 0: deleted; 1: the row is there with another version (a conflict); no row: it was already gone.
    private const string DeleteSql = """
        WITH deleted AS (DELETE FROM sessions_state WHERE service_id = $1 AND grain_key = $2 AND version = $3 RETURNING 0 AS outcome)
        SELECT outcome FROM deleted
        UNION ALL
        SELECT 1 FROM sessions_state WHERE service_id = $1 AND grain_key = $2 AND NOT EXISTS (SELECT 1 FROM deleted)
        """;

    // The same writes carrying a lifecycle event: inserted (in the batch's transaction) only from a row written.
    private static readonly string InsertWithEventSql = WithEvent("version", InsertSql, 12);
    private static readonly string UpdateWithEventSql = WithEvent("version", UpdateSql, 13);
    private static readonly string DeleteWithEventSql = $"""
        WITH deleted AS (DELETE FROM sessions_state WHERE service_id = $1 AND grain_key = $2 AND version = $3 RETURNING 0 AS outcome),
             event AS ({EventInsert(4, "deleted")})
        SELECT outcome FROM deleted
        UNION ALL
        SELECT 1 FROM sessions_state WHERE service_id = $1 AND grain_key = $2 AND NOT EXISTS (SELECT 1 FROM deleted)
        """;

    // Two batches in flight: while one waits for its commit (the WAL flush), the next is already being sent.
    private const int WriterLoops = 2;

    private readonly NpgsqlDataSource _database;
    private readonly string _serviceId;
    private readonly ILogger<PostgresSessionRowStore> _logger;
    private readonly WriteBatches _writes;
    private readonly Task[] _writers;

    public PostgresSessionRowStore(string connectionString, string serviceId, int maxPendingWrites, ILogger<PostgresSessionRowStore> logger)
    {
        _database = NpgsqlDataSource.Create(WithPreparedStatements(connectionString));
        _serviceId = serviceId;
        _logger = logger;
        _writes = new WriteBatches(maxPendingWrites, WriterLoops);
        _writers = [.. Enumerable.Range(0, WriterLoops).Select(_ => Task.Run(WriteLoopAsync))];
    }

    // Every batch repeats the same few statements: prepared once per connection, PostgreSQL neither parses nor plans
    // them again (unprepared, parsing and planning were most of the database's CPU in a write run).
    private static string WithPreparedStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 8;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    public async Task<(SessionRow Row, long Version)?> ReadAsync(string grainKey, CancellationToken cancellationToken)
    {
        try
        {
            return await OnceMoreIfEndedByServerAsync("read", () => ReadOnceAsync(grainKey, cancellationToken));
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new SessionStorageException($"Session storage could not read a session: {PostgresConnections.Innermost(exception).Message}");
        }
    }

    private async Task<(SessionRow Row, long Version)?> ReadOnceAsync(string grainKey, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var row = new SessionRow(grainKey, reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<byte[]>(5));
        return (row, reader.GetInt64(0));
    }

    public ValueTask EnqueueAsync(SessionRowWrite write, CancellationToken cancellationToken) =>
        _writes.EnqueueAsync(write, cancellationToken);

    /// <summary>The write queue: how many wait, how many batches committed.</summary>
    public WriteBatches Writes => _writes;

    public async ValueTask DisposeAsync()
    {
        _writes.Complete();
        await Task.WhenAll(_writers);
        await _database.DisposeAsync();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<SessionRowWrite>(WriteBatches.MaxBatch);
        while (await _writes.WaitAsync())
        {
            if (!_writes.Drain(batch))
            {
                continue;
            }

            try
            {
                await OnceMoreIfEndedByServerAsync("write", async () =>
                {
                    await CommitAsync(batch);
                    return true;
                });
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                _logger.SessionBatchFailed(batch.Count, exception);
                var failure = new SessionStorageException(
                    $"Session storage could not write {batch.Count} session(s): {PostgresConnections.Innermost(exception).Message}");
                batch.ForEach(write => write.Fail(failure));
            }
        }
    }

    private async Task CommitAsync(List<SessionRowWrite> batch)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var commands = new NpgsqlBatch(connection);
        foreach (var write in batch)
        {
            commands.BatchCommands.Add(Command(write));
        }

        var versions = new long?[batch.Count];
        await using (var reader = await commands.ExecuteReaderAsync())
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var found = await reader.ReadAsync();
                var value = found ? reader.GetValue(0) : null;
                versions[i] = batch[i].Row is null
                    ? value is 1 ? SessionRowWrite.Conflict : null
                    : found ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : SessionRowWrite.Conflict;
                await reader.NextResultAsync();
            }
        }

        _writes.RecordCommit(batch);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Complete(versions[i]);
        }
    }

    /// <summary>
    /// Runs <paramref name="statement"/>, and once more (on a new connection) when the server had ended the connection
    /// before or instead of running it (57P01, 57P02): a restart or a failover ended every
    /// pooled connection, idle ones included, and Npgsql only finds out on their next use (it then empties the pool). A
    /// batch that gets this was not committed (the server aborts the transaction it ends), and each write in it checks
    /// its version, so even a repeat of one that was could not apply twice.
    /// </summary>
    private async Task<T> OnceMoreIfEndedByServerAsync<T>(string operation, Func<Task<T>> statement)
    {
        try
        {
            return await statement();
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown)
        {
            _logger.SessionConnectionEndedByServer(operation, exception.SqlState);
            return await statement();
        }
    }

    private static string WithEvent(string column, string rowSql, int firstParameter) => $"""
        WITH written AS ({rowSql}),
             event AS ({EventInsert(firstParameter, "written")})
        SELECT {column} FROM written
        """;

    private static string EventInsert(int first, string from) => $"""
        INSERT INTO sessions_events (service_id, kind, handle, user_id, created_at, occurred_at, reason, page_views, interactions)
        SELECT $1, ${first}, ${first + 1}, ${first + 2}, ${first + 3}, ${first + 4}, ${first + 5}, ${first + 6}, ${first + 7} FROM {from}
        """;

    private static string Sql(SessionRowWrite write) => (write.Row, write.ExpectedVersion, write.Event) switch
    {
        (null, _, null) => DeleteSql,
        (null, _, not null) => DeleteWithEventSql,
        (not null, null, null) => InsertSql,
        (not null, null, not null) => InsertWithEventSql,
        (not null, not null, null) => UpdateSql,
        _ => UpdateWithEventSql,
    };

    private NpgsqlBatchCommand Command(SessionRowWrite write)
    {
        var command = new NpgsqlBatchCommand(Sql(write));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.GrainKey });
        if (write.Row is not { } row)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = write.ExpectedVersion!.Value });
            AddEvent(command, write.Event);
            return command;
        }

        command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.CreatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.LastAccessAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.ExpiresAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = row.Payload });
        if (write.ExpectedVersion is { } expected)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
        }

        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Handle });
        command.Parameters.Add(Integer(row.ExpiryReason is { } expiry ? (int)expiry : null));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row.PageViews });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row.Interactions });
        AddEvent(command, write.Event);
        return command;
    }

    private static void AddEvent(NpgsqlBatchCommand command, SessionLifecycleEvent? lifecycleEvent)
    {
        if (lifecycleEvent is not { } e)
        {
            return;
        }

        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)e.Kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.SessionHandle });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = e.CreatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = e.OccurredAt.ToUniversalTime() });
        command.Parameters.Add(Integer(e.Reason is { } reason ? (int)reason : null));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = e.PageViews });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = e.Interactions });
    }

    private static NpgsqlParameter Integer(int? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer };
}
