using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Sessions.Storage;

/// <summary>
/// Copies the write-ahead log into the database on a thread and connection of its own, so commits never wait for it.
/// SQLite's automatic checkpoint runs inside the commit that fills the log (1,000 pages), on the one writer: under
/// the write workload that was a few times a second, 4-8 ms each with its fsyncs, and every write queued behind it
/// waited as long (the batch and queue histograms' p99). The writer's connection turns it off
/// (<c>wal_autocheckpoint = 0</c>) and signals commits here.
/// </summary>
/// <remarks>
/// A passive checkpoint runs beside the writer, at most once per <see cref="Interval"/> while commits come. It copies
/// only what was committed when it started, so under a steady stream of writes the log would never be wholly copied and
/// could grow without end: once it holds <see cref="RestartFrames"/> frames, a restart checkpoint (which holds the
/// writer back while it copies the little the passive ones left and resets the log) bounds it.
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>Shortest time between two checkpoints while writes come.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Log size (pages) past which the log is reset (16 MiB of 4 KiB pages).</summary>
    public const int RestartFrames = 4096;

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _committed = new(initialState: false, spinCount: 0);
    private readonly ManualResetEventSlim _intervalPassed = new(initialState: true, spinCount: 0);
    private readonly ITimer _interval;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public SqliteCheckpointer(string connectionString, TimeProvider time, ILogger logger)
    {
        _connectionString = connectionString;
        _logger = logger;
        _interval = time.CreateTimer(_ => _intervalPassed.Set(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _thread = new Thread(Run) { IsBackground = true, Name = "Sessions SQLite checkpointer" };
        _thread.Start();
    }

    /// <summary>Raised on the checkpointer's thread after each checkpoint, with the frames the log held.</summary>
    public event Action<long>? Checkpointed;

    /// <summary>The writer committed: the log has something to copy.</summary>
    public void Committed()
    {
        if (!_committed.IsSet)
        {
            _committed.Set();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _committed.Set();
        _intervalPassed.Set();
        _thread.Join();
        _interval.Dispose();
        _committed.Dispose();
        _intervalPassed.Dispose();
    }

    private void Run()
    {
        using var connection = new SqliteConnection(_connectionString);
        using var checkpoint = connection.CreateCommand();
        try
        {
            connection.Open();
            using var timeout = connection.CreateCommand();
            timeout.CommandText = "PRAGMA busy_timeout = 5000;";
            timeout.ExecuteNonQuery();
        }
        catch (SqliteException exception)
        {
            _logger.SessionDatabaseUnavailable(exception);
            return;
        }

        while (true)
        {
            _committed.Wait();
            _intervalPassed.Wait();
            if (_stopping)
            {
                return;
            }

            _committed.Reset();
            _intervalPassed.Reset();
            _interval.Change(Interval, Timeout.InfiniteTimeSpan);
            try
            {
                var frames = Run(checkpoint, "PASSIVE");
                if (frames >= RestartFrames)
                {
                    Run(checkpoint, "RESTART");
                }

                Checkpointed?.Invoke(frames);
            }
            catch (SqliteException exception)
            {
                _logger.SessionCheckpointFailed(exception);
            }
        }
    }

    /// <summary>Runs a checkpoint; the frames the log holds.</summary>
    private long Run(SqliteCommand checkpoint, string mode)
    {
        checkpoint.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var result = checkpoint.ExecuteReader();
        return result.Read() ? result.GetInt64(1) : 0;
    }
}
