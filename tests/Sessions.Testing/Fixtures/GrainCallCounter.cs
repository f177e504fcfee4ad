using System.Collections.Concurrent;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// Counts calls that reached session grains on the silos of one test cluster, in all, per method and per grain, and
/// signals when calls of a method have completed (for one-way calls, whose sender cannot await them).
/// </summary>
public sealed class GrainCallCounter
{
    private readonly ConcurrentDictionary<string, long> _byMethod = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<GrainId, long> _byGrain = new();
    private readonly Dictionary<string, long> _completedByMethod = new(StringComparer.Ordinal);
    private readonly List<(string Method, long Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly Lock _lock = new();
    private long _sessionGrainCalls;

    public long SessionGrainCalls => Interlocked.Read(ref _sessionGrainCalls);

    /// <summary>Calls of the <see cref="ISessionGrain"/> method named <paramref name="method"/>.</summary>
    public long CallsTo(string method) => _byMethod.GetValueOrDefault(method);

    /// <summary>Calls that reached the session grain <paramref name="grain"/>, through any of its interfaces.</summary>
    public long CallsOn(GrainId grain) => _byGrain.GetValueOrDefault(grain);

    /// <summary>Calls of <paramref name="method"/> that have completed on their grain.</summary>
    public long CompletedCallsTo(string method)
    {
        lock (_lock)
        {
            return _completedByMethod.GetValueOrDefault(method);
        }
    }

    /// <summary>Completes once <paramref name="count"/> calls of <paramref name="method"/> have completed on their grain.</summary>
    public Task CompletedAsync(string method, long count)
    {
        lock (_lock)
        {
            if (_completedByMethod.GetValueOrDefault(method) >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((method, count, reached));
            return reached.Task;
        }
    }

    internal void CountCallOn(GrainId grain) => _byGrain.AddOrUpdate(grain, 1, static (_, count) => count + 1);

    internal void CountSessionGrainCall(string method)
    {
        Interlocked.Increment(ref _sessionGrainCalls);
        _byMethod.AddOrUpdate(method, 1, static (_, count) => count + 1);
    }

    internal void CompleteSessionGrainCall(string method)
    {
        lock (_lock)
        {
            var completed = _completedByMethod[method] = _completedByMethod.GetValueOrDefault(method) + 1;
            foreach (var waiter in _waiters.Where(w => w.Method == method && w.Count <= completed).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
