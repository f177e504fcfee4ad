using System.Collections.Immutable;

namespace Sessions.Grains;

/// <summary>
/// Receives a frontend's batched accesses served from read leases and hands each to its session, one-way (inside the
/// silo when the session is here): one network call per silo and report interval instead of one per read.
/// </summary>
[Orleans.Concurrency.StatelessWorker(1)]
public sealed class SiloSessionAccessGrain : Grain, ISiloSessionAccessGrain
{
    public Task ReportAsync(ImmutableArray<SessionAccess> accesses)
    {
        foreach (var access in accesses)
        {
            _ = GrainFactory.GetGrain<ISessionGrain>(access.GrainKey).RecordLeasedAccessAsync(access.Ago);
        }

        return Task.CompletedTask;
    }
}
