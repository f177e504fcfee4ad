using System.Collections.Concurrent;

namespace Sessions.Tests.Fixtures;

/// <summary>Counts calls that reached session grains on the silos of one test cluster, in all and per method.</summary>
public sealed class GrainCallCounter
{
    private readonly ConcurrentDictionary<string, long> _byMethod = new(StringComparer.Ordinal);
    private long _sessionGrainCalls;

    public long SessionGrainCalls => Interlocked.Read(ref _sessionGrainCalls);

    /// <summary>Calls of the <see cref="ISessionGrain"/> method named <paramref name="method"/>.</summary>
    public long CallsTo(string method) => _byMethod.GetValueOrDefault(method);

    internal void CountSessionGrainCall(string method)
    {
        Interlocked.Increment(ref _sessionGrainCalls);
        _byMethod.AddOrUpdate(method, 1, static (_, count) => count + 1);
    }
}
