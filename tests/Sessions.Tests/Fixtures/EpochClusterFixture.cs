using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// A two-silo cluster whose silos a test can cut off from the deployment's epoch (<see cref="Faults"/>), with the
/// epoch refresher on a clock of its own (<see cref="RefreshTime"/>), apart from the session clock.
/// </summary>
public sealed class EpochClusterFixture : ClusterFixture
{
    public EpochFaults Faults { get; } = new();

    /// <summary>The clock of every silo's epoch refresher and of its staleness.</summary>
    public FakeTimeProvider RefreshTime { get; } = new(Epoch);

    public IReadOnlyList<SiloAddress> Silos => Cluster.Silos.Select(silo => silo.SiloAddress).ToList();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton(Faults);
        silo.Services.AddKeyedSingleton<TimeProvider>(SessionEpoch.TimeProviderKey, RefreshTime);
        silo.AddIncomingGrainCallFilter<EpochFaultFilter>();
        silo.AddOutgoingGrainCallFilter<EpochFaultFilter>();
    }
}
