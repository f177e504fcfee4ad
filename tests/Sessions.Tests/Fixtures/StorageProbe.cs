using Orleans.Storage;
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

    /// <summary>A grain storage provider of one silo (the directory's), wrapped so this probe sees its traffic.</summary>
    public IGrainStorage Wrap(IGrainStorage inner) => new ProbedGrainStorage(inner, this);

    private async Task BeforeWriteAsync()
    {
        Interlocked.Increment(ref _writesStarted);
        _writeStarted.TrySetResult();
        await _gate.Task;
        if (_failWrites)
        {
            throw new SessionStorageException("The probe fails writes (a storage outage).");
        }
    }

    private void WriteCompleted(string grainKey)
    {
        _writesCompletedByGrain.AddOrUpdate(grainKey, 1, (_, count) => count + 1);
        Interlocked.Exchange(ref _writeCompleted, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

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
            await probe.BeforeWriteAsync();
            var etag = await inner.WriteAsync(grainKey, expectedETag, state, lifecycleEvent, cancellationToken);
            probe.WriteCompleted(grainKey);
            return etag;
        }

        public Task DeleteAsync(string grainKey, string? expectedETag, SessionLifecycleEvent? lifecycleEvent, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref probe._clears);
            return inner.DeleteAsync(grainKey, expectedETag, lifecycleEvent, cancellationToken);
        }
    }

    private sealed class ProbedGrainStorage(IGrainStorage inner, StorageProbe probe) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Interlocked.Increment(ref probe._reads);
            return inner.ReadStateAsync(stateName, grainId, grainState);
        }

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await probe.BeforeWriteAsync();
            await inner.WriteStateAsync(stateName, grainId, grainState);
            probe.WriteCompleted(grainId.Key.ToString()!);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Interlocked.Increment(ref probe._clears);
            return inner.ClearStateAsync(stateName, grainId, grainState);
        }
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
