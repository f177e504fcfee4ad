using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Sessions.Grains.Interfaces;

namespace Sessions.Storage;

/// <summary>
/// Session rows in SQLite without blocking grain turns or thread-pool threads: Microsoft.Data.Sqlite works
/// synchronously, so writes run on a writer thread of their own (SQLite has one writer anyway) that commits whatever
/// is waiting in one transaction (group commit), and reads run on a reader thread with its own connection.
/// </summary>
public sealed class SqliteSessionRowStore : ISessionRowStore, IDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly string _serviceId;
    private readonly SqliteDurability _durability;
    private readonly ILogger<SqliteSessionRowStore> _logger;
    private readonly WriteBatches _writes;
    private readonly BlockingCollection<(string Key, TaskCompletionSource<(SessionRow, long)?> Done)> _reads = [];
    private readonly Thread _writer;
    private readonly Thread _reader;
    private readonly SqliteCheckpointer _checkpointer;

    public SqliteSessionRowStore(
        string databasePath, string serviceId, SqliteDurability durability, int maxPendingWrites, ILogger<SqliteSessionRowStore> logger)
        : this(databasePath, serviceId, durability, maxPendingWrites, TimeProvider.System, logger)
    {
    }

    /// <param name="time">The checkpointer's clock (the shortest time between two checkpoints).</param>
    public SqliteSessionRowStore(
        string databasePath, string serviceId, SqliteDurability durability, int maxPendingWrites, TimeProvider time,
        ILogger<SqliteSessionRowStore> logger)
    {
        _connectionString = SqliteSchema.ConnectionString(databasePath);
        _serviceId = serviceId;
        _durability = durability;
        _logger = logger;
        _writes = new WriteBatches(maxPendingWrites);
        _checkpointer = new SqliteCheckpointer(_connectionString, time, logger);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "Sessions SQLite writer" };
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "Sessions SQLite reader" };
        _writer.Start();
        _reader.Start();
    }

    public Task<(SessionRow Row, long Version)?> ReadAsync(string grainKey, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<(SessionRow, long)?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _reads.Add((grainKey, done), cancellationToken);
        return done.Task;
    }

    public ValueTask EnqueueAsync(SessionRowWrite write, CancellationToken cancellationToken) =>
        _writes.EnqueueAsync(write, cancellationToken);

    /// <summary>The write queue: how many wait, how many batches committed.</summary>
    public WriteBatches Writes => _writes;

    /// <summary>Raised after each checkpoint of the write-ahead log, with the frames it held.</summary>
    internal event Action<long>? Checkpointed
    {
        add => _checkpointer.Checkpointed += value;
        remove => _checkpointer.Checkpointed -= value;
    }

    /// <summary>Lets the writer commit what is queued, then stops both threads.</summary>
    public void Dispose()
    {
        _writes.Complete();
        _reads.CompleteAdding();
        _writer.Join(StopLimit);
        _reader.Join(StopLimit);
        _checkpointer.Dispose();
        _reads.Dispose();
    }

    /// <summary>The thread's connection, or null (logged) when the database cannot be opened: then every request fails.</summary>
    private SqliteSessionStatements? OpenOrNull(bool writer)
    {
        try
        {
            return Open(writer);
        }
        catch (SqliteException exception)
        {
            _logger.SessionDatabaseUnavailable(exception);
            return null;
        }
    }

    private SqliteSessionStatements Open(bool writer)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = $"PRAGMA synchronous = {(_durability == SqliteDurability.Full ? "FULL" : "NORMAL")}; PRAGMA busy_timeout = 5000;"
            + (writer ? " PRAGMA wal_autocheckpoint = 0;" : ""); // the checkpointer's thread copies the log
        pragmas.ExecuteNonQuery();
        return new SqliteSessionStatements(connection, _serviceId);
    }

    private void WriteLoop()
    {
        using var statements = OpenOrNull(writer: true);
        var batch = new List<SessionRowWrite>(WriteBatches.MaxBatch);
        var versions = new long?[WriteBatches.MaxBatch];
        using var signal = new ManualResetEventSlim(initialState: false, spinCount: 0);
        while (WaitForWrites(signal))
        {
            _writes.Drain(batch);
            try
            {
                if (statements is null)
                {
                    throw new SqliteException("The session database could not be opened (see the earlier error).", 14);
                }

                using (var transaction = statements.Connection.BeginTransaction())
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        versions[i] = statements.Apply(batch[i], transaction);
                    }

                    transaction.Commit();
                }

                _writes.RecordCommit(batch);
                _checkpointer.Committed();

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Complete(versions[i]);
                }
            }
            catch (SqliteException exception)
            {
                _logger.SessionBatchFailed(batch.Count, exception);
                var failure = new SessionStorageException($"Session storage could not write {batch.Count} session(s): {exception.Message}");
                batch.ForEach(write => write.Fail(failure));
            }
        }
    }

    // Blocks this thread until writes wait (true) or the queue is complete (false), without spinning first: blocking on
    // the task did (Task.SpinWait, sched_yield), which took 7 % of the process's CPU under the write workload on two
    // cores, away from the request threads.
    private bool WaitForWrites(ManualResetEventSlim signal)
    {
        var waiting = _writes.WaitAsync();
        if (!waiting.IsCompleted)
        {
            signal.Reset();
            waiting.GetAwaiter().UnsafeOnCompleted(signal.Set);
            signal.Wait();
        }

        return waiting.GetAwaiter().GetResult();
    }

    private void ReadLoop()
    {
        using var statements = OpenOrNull(writer: false);
        foreach (var (key, done) in _reads.GetConsumingEnumerable())
        {
            try
            {
                done.SetResult(statements is null
                    ? throw new SqliteException("The session database could not be opened (see the earlier error).", 14)
                    : statements.Read(key));
            }
            catch (SqliteException exception)
            {
                done.SetException(new SessionStorageException($"Session storage could not read a session: {exception.Message}"));
            }
        }
    }
}
