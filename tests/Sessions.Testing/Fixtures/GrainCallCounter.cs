using System.Collections.Concurrent;

namespace Sessions.Tests.Fixtures;

/// <summary>Counts calls that reached session grains on the silos of one test cluster: in all, per method and per grain.</summary>
public sealed class GrainCallCounter
{
    private readonly ConcurrentDictionary<string, long> _byMethod = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<GrainId, long> _byGrain = new();
    private long _sessionGrainCalls;

    public long SessionGrainCalls => Interlocked.Read(ref _sessionGrainCalls);

    /// <summary>Calls of the <see cref="ISessionGrain"/> method named <paramref name="method"/>.</summary>
    public long CallsTo(string method) => _byMethod.GetValueOrDefault(method);

    /// <summary>Calls that reached the session grain <paramref name="grain"/>, through any of its interfaces.</summary>
    public long CallsOn(GrainId grain) => _byGrain.GetValueOrDefault(grain);

    internal void CountCallOn(GrainId grain) => _byGrain.AddOrUpdate(grain, 1, static (_, count) => count + 1);

    internal void CountSessionGrainCall(string method)
    {
        Interlocked.Increment(ref _sessionGrainCalls);
        _byMethod.AddOrUpdate(method, 1, static (_, count) => count + 1);
    }
}
