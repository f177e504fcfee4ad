using System.Collections.Immutable;

namespace Sessions.Grains;

/// <summary>
/// Receives a frontend's batched accesses served from read leases and hands each to its session, one-way (inside the
/// silo when the session is here): one network call per silo and report interval instead of one per read. Keyed by its
/// silo's address and placed there by the caller's placement hint, as <see cref="SiloSessionEpochGrain"/> is; one that
/// lands elsewhere (its silo left) still hands every access on.
/// </summary>
public sealed class SiloSessionAccessGrain(TimeProvider time) : Grain, ISiloSessionAccessGrain
{
    public Task ReportAsync(ImmutableArray<SessionAccess> accesses)
    {
        // Made absolute on arrival, so the time a session's one-way call waits in its queue does not make the read later.
        var received = time.GetUtcNow();
        foreach (var access in accesses)
        {
            _ = GrainFactory.GetGrain<ISessionGrain>(access.GrainKey).RecordLeasedAccessAsync(received - access.Ago);
        }

        return Task.CompletedTask;
    }
}
