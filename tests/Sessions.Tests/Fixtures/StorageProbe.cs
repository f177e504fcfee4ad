using System.Collections.Concurrent;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// Counts what reaches session storage on every silo of a cluster. Writes can be held at a gate to observe what
/// a caller sees while storage has not yet confirmed, or made to fail as they do while the database is down.
/// </summary>
public sealed class StorageProbe
{
    private long _reads;
    private long _writesStarted;
    private long _clears;
    private readonly ConcurrentDictionary<string, long> _writesCompletedByGrain = new(StringComparer.Ordinal);
    private volatile TaskCompletionSource _gate = Open();
    private volatile bool _failWrites;
    private volatile TaskCompletionSource _writeStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _writeCompleted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Reads => Interlocked.Read(ref _reads);

    public long WritesStarted => Interlocked.Read(ref _writesStarted);

    public long Clears => Interlocked.Read(ref _clears);

    /// <summary>Writes of one grain's state that completed (other tests' sessions of a shared cluster flush too).</summary>
    public long WritesCompletedOf(GrainId grain) => _writesCompletedByGrain.GetValueOrDefault(grain.Key.ToString()!);

    /// <summary>Completes when the next write reaches storage (after <see cref="HoldWrites"/>).</summary>
    public Task WriteStarted => _writeStarted.Task;

    /// <summary>From now on writes wait until <see cref="ReleaseWrites"/>.</summary>
    public void HoldWrites()
    {
        _writeStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void ReleaseWrites() => _gate.TrySetResult();

    /// <summary>From now on writes fail with a <see cref="SessionStorageException"/> (an outage) until <see cref="StopFailingWrites"/>.</summary>
    public void FailWrites() => _failWrites = true;

    public void StopFailingWrites() => _failWrites = false;

    /// <summary>Completes once <paramref name="count"/> writes of <paramref name="grain"/> have completed.</summary>
    public Task WaitForWritesCompletedAsync(GrainId grain, long count, CancellationToken cancellationToken) =>
        WaitForAsync(() => WritesCompletedOf(grain) >= count, cancellationToken);

    private async Task WaitForAsync(Func<bool> reached, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = Volatile.Read(ref _writeCompleted).Task;
            if (reached())
            {
                return;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The session store of one silo, wrapped so this probe sees its traffic.</summary>
    public ISessionStateStore Wrap(ISessionStateStore inner) => new ProbedStore(inner, this);

    private sealed class ProbedStore(ISessionStateStore inner, StorageProbe probe) : ISessionStateStore
    {
        public Task<StoredSessionState?> ReadAsync(string grainKey, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref probe._reads);
            return inner.ReadAsync(grainKey, cancellationToken);
        }

        public async Task<string> WriteAsync(
            string grainKey, string? expectedETag, SessionState state, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref probe._writesStarted);
            probe._writeStarted.TrySetResult();
            await probe._gate.Task;
            if (probe._failWrites)
            {
                throw new SessionStorageException("The probe fails writes (a storage outage).");
            }

            var etag = await inner.WriteAsync(grainKey, expectedETag, state, lifecycleEvent, cancellationToken);
            probe._writesCompletedByGrain.AddOrUpdate(grainKey, 1, (_, count) => count + 1);
            Interlocked.Exchange(ref probe._writeCompleted, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return etag;
        }

        public Task DeleteAsync(string grainKey, string? expectedETag, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref probe._clears);
            return inner.DeleteAsync(grainKey, expectedETag, lifecycleEvent, cancellationToken);
        }
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
