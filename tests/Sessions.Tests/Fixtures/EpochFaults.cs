using System.Collections.Concurrent;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// Which silos are cut off from the deployment's epoch: the end-all push to them fails, and so does their own read of
/// the epoch. Shared by every silo of <see cref="EpochClusterFixture"/>; a test switches silos off and on.
/// </summary>
public sealed class EpochFaults
{
    private readonly ConcurrentDictionary<SiloAddress, bool> _cutOff = new();

    public void CutOff(SiloAddress silo) => _cutOff[silo] = true;

    public void Reconnect(SiloAddress silo) => _cutOff.TryRemove(silo, out _);

    public bool IsCutOff(SiloAddress silo) => _cutOff.ContainsKey(silo);
}
