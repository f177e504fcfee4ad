namespace Sessions.Tests.Fixtures;

/// <summary>Counts calls that reached session grains on the silos of one test cluster.</summary>
public sealed class GrainCallCounter
{
    private long _sessionGrainCalls;

    public long SessionGrainCalls => Interlocked.Read(ref _sessionGrainCalls);

    internal void CountSessionGrainCall() => Interlocked.Increment(ref _sessionGrainCalls);
}
