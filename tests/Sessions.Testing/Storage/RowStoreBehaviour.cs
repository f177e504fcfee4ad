using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Storage;

/// <summary>
/// What every group-commit row store must do: the writes waiting while the writer is busy go in one batch, a version
/// conflict fails only its own write, and a full queue makes writers wait instead of growing.
/// </summary>
public abstract class RowStoreBehaviour
{
    protected const int Capacity = 4;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A store on a fresh database, with a write queue of <see cref="Capacity"/> (or more) entries.</summary>
    protected abstract Task<(ISessionRowStore Store, WriteBatches Writes, IAsyncDisposable Lifetime)> CreateStoreAsync(int capacity);

    /// <summary>Holds the database's write lock, so the store's writer waits inside its batch, until disposed.</summary>
    protected abstract Task<IAsyncDisposable> StallWritesAsync();

    [Fact]
    public async Task WritesWaitingWhileTheWriterIsBusy_GoInOneBatch_AndAConflictFailsOnlyItsOwnWrite()
    {
        var (store, writes, lifetime) = await CreateStoreAsync(capacity: 100);
        await using var _ = lifetime;
        Assert.Equal(1, await WriteAsync(store, Write("existing", expected: null)));

        IReadOnlyList<SessionRowWrite> pilots;
        List<SessionRowWrite> batch;
        await using (await StallWritesAsync())
        {
            pilots = await StallEveryWriterAsync(store, writes);
            batch = [.. Enumerable.Range(0, 8).Select(i => Write($"new-{i}", expected: null)), Write("existing", expected: 7)];
            foreach (var write in batch)
            {
                await store.EnqueueAsync(write, Token);
            }

            Assert.Equal(batch.Count, writes.Pending);
        }

        Assert.All(await Task.WhenAll(pilots.Select(p => p.Done)), version => Assert.Equal(1, version));
        var outcomes = await Task.WhenAll(batch.Select(w => w.Done));
        Assert.Equal([.. Enumerable.Repeat<long?>(1, 8), SessionRowWrite.Conflict], outcomes);
        Assert.Equal(1 + writes.Writers + 1, writes.CommittedBatches); // "existing", the pilots, then the nine together
        Assert.Equal(1, (await store.ReadAsync("existing", Token))!.Value.Version);
        Assert.NotNull(await store.ReadAsync("new-7", Token));
    }

    [Fact]
    public async Task StorageStalled_WritersBeyondTheQueueWait_AndAllCompleteWhenItRecovers()
    {
        var (store, writes, lifetime) = await CreateStoreAsync(Capacity);
        await using var _ = lifetime;

        List<ValueTask> enqueued;
        IReadOnlyList<SessionRowWrite> pilots;
        var queued = Enumerable.Range(0, 10).Select(i => Write($"k-{i}", expected: null)).ToList();
        await using (await StallWritesAsync())
        {
            pilots = await StallEveryWriterAsync(store, writes);
            enqueued = [.. queued.Select(w => store.EnqueueAsync(w, Token))];

            Assert.Equal(Capacity, enqueued.Count(e => e.IsCompleted));
            Assert.Equal(Capacity, writes.Pending);
        }

        foreach (var enqueue in enqueued)
        {
            await enqueue;
        }

        Assert.All(await Task.WhenAll(pilots.Select(p => p.Done)), version => Assert.Equal(1, version));
        Assert.All(await Task.WhenAll(queued.Select(w => w.Done)), version => Assert.Equal(1, version));
    }

    [Fact]
    public async Task DeleteOfARowAlreadyGone_Succeeds_ButOfAChangedRowConflicts()
    {
        var (store, _, lifetime) = await CreateStoreAsync(capacity: 100);
        await using var __ = lifetime;
        Assert.Equal(1, await WriteAsync(store, Write("changed", expected: null)));
        Assert.Equal(2, await WriteAsync(store, Write("changed", expected: 1)));

        Assert.Null(await WriteAsync(store, new SessionRowWrite("never-written", 3, row: null)));
        Assert.Equal(SessionRowWrite.Conflict, await WriteAsync(store, new SessionRowWrite("changed", 1, row: null)));
        Assert.Null(await WriteAsync(store, new SessionRowWrite("changed", 2, row: null)));
        Assert.Null(await store.ReadAsync("changed", Token));
    }

    private static SessionRowWrite Write(string key, long? expected) =>
        new(key, expected, new SessionRow(key, "user", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [1, 2, 3]));

    private static async Task<long?> WriteAsync(ISessionRowStore store, SessionRowWrite write)
    {
        await store.EnqueueAsync(write, Token);
        return await write.Done;
    }

    /// <summary>One pilot write per writer loop, each taken (so every writer is now stalled inside its batch).</summary>
    private static async Task<IReadOnlyList<SessionRowWrite>> StallEveryWriterAsync(ISessionRowStore store, WriteBatches writes)
    {
        var pilots = new List<SessionRowWrite>();
        for (var i = 0; i < writes.Writers; i++)
        {
            pilots.Add(await EnqueueTakenAsync(store, writes, Write($"pilot-{i}", expected: null)));
        }

        return pilots;
    }

    /// <summary>Queues <paramref name="write"/> and waits until a writer has taken it (and is now stalled with it).</summary>
    private static async Task<SessionRowWrite> EnqueueTakenAsync(ISessionRowStore store, WriteBatches writes, SessionRowWrite write)
    {
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnTaken(int count) => taken.TrySetResult();
        writes.BatchTaken += OnTaken;
        try
        {
            await store.EnqueueAsync(write, Token);
            await taken.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        }
        finally
        {
            writes.BatchTaken -= OnTaken;
        }

        Assert.Equal(0, writes.Pending);
        return write;
    }
}
