using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sessions.Storage;

namespace Sessions.Tests.Storage;

/// <summary>
/// The SQLite store's commits never copy the write-ahead log into the database themselves: a checkpointer does, beside
/// the writer, at most once per interval, and resets a log grown past its bound.
/// </summary>
public sealed class SqliteCheckpointTests : IDisposable
{
    // Rows of 8 KiB: each takes a few pages of the log, so a few hundred fill it past SQLite's own 1,000-page checkpoint.
    private const int PayloadBytes = 8 * 1024;

    private readonly string _folder = Directory.CreateTempSubdirectory("sessions-checkpoint-").FullName;
    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_folder, "sessions.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    // The waits are for the checkpointer's signal; a lost one fails the test instead of holding the run.
    [Fact(Timeout = 60_000)]
    public async Task CommitsLeaveTheLogToTheCheckpointer_WhichCopiesItAtMostOncePerInterval()
    {
        var (store, checkpoints) = await StartAfterFirstCheckpointAsync();
        using var _ = store;

        var next = checkpoints.Next;
        await WriteAsync(store, "row", 0, 600); // well past 1,000 pages, which SQLite would have checkpointed in a commit
        var (log, copied) = LogState();
        Assert.True(log > 1000, $"log {log} frames");
        Assert.True(copied < log, $"{copied} of {log} frames were copied before the interval passed");
        Assert.False(next.IsCompleted);

        _time.Advance(SqliteCheckpointer.Interval);
        await next;
        (log, copied) = LogState();
        Assert.Equal(log, copied);
    }

    [Fact(Timeout = 60_000)]
    public async Task ALogPastItsBound_IsReset_SoTheNextCommitsWriteItFromTheStart()
    {
        var (store, checkpoints) = await StartAfterFirstCheckpointAsync();
        using var _ = store;

        var next = checkpoints.Next;
        var rows = 0;
        while (LogState().Log < SqliteCheckpointer.RestartFrames)
        {
            Assert.True(rows < 10_000, "the log stays short: something other than the checkpointer copies it");
            await WriteAsync(store, "row", rows, 200);
            rows += 200;
        }

        _time.Advance(SqliteCheckpointer.Interval);
        Assert.True(await next >= SqliteCheckpointer.RestartFrames);

        await WriteAsync(store, "after", 0, 1);
        Assert.True(LogState().Log < 100, "the log was not reset");
    }

    /// <summary>A store on a fresh database whose first commit was checkpointed: the interval starts now.</summary>
    private async Task<(SqliteSessionRowStore Store, Checkpoints Checkpoints)> StartAfterFirstCheckpointAsync()
    {
        await SqliteSchema.ApplyAsync(DatabasePath, Token);
        var store = new SqliteSessionRowStore(DatabasePath, "svc", SqliteDurability.Normal, 100, _time, NullLogger<SqliteSessionRowStore>.Instance);
        var checkpoints = new Checkpoints(store);
        var first = checkpoints.Next; // before the write: its checkpoint may come before the write's answer
        await WriteAsync(store, "first", 0, 1);
        await first;
        return (store, checkpoints);
    }

    private static async Task WriteAsync(SqliteSessionRowStore store, string prefix, int from, int count)
    {
        var writes = Enumerable.Range(from, count)
            .Select(i => new SessionRowWrite($"{prefix}-{i}", null, new SessionRow(
                $"{prefix}-{i}", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new byte[PayloadBytes])))
            .ToList();
        foreach (var write in writes)
        {
            await store.EnqueueAsync(write, Token);
        }

        await Task.WhenAll(writes.Select(write => write.Done));
    }

    /// <summary>
    /// Frames in the log and frames of it copied into the database, from the WAL-index header in the -shm file
    /// (sqlite.org/walformat.html: mxFrame at byte 16, nBackfill at byte 96, native byte order). Reading it copies
    /// nothing, where asking SQLite (<c>PRAGMA wal_checkpoint</c>) would itself checkpoint.
    /// </summary>
    private (long Log, long Copied) LogState()
    {
        using var shm = new FileStream(DatabasePath + "-shm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[100];
        shm.ReadExactly(header);
        return (BitConverter.ToUInt32(header[16..]), BitConverter.ToUInt32(header[96..]));
    }

    /// <summary>Completes <see cref="Next"/> on the store's next checkpoint, with the frames the log held.</summary>
    private sealed class Checkpoints
    {
        private TaskCompletionSource<long> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Checkpoints(SqliteSessionRowStore store) => store.Checkpointed += frames => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(frames);

        public Task<long> Next => Volatile.Read(ref _next).Task;
    }
}
