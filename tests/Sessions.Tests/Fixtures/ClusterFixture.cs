using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// An in-process cluster of two silos with the production grain registration (<c>AddSessionGrains</c>), a fake
/// clock for grain-facing time, and a counter of session grain calls. Storage is in memory unless a subclass
/// says otherwise.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Epoch);

    public GrainCallCounter Calls { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public ISessionGrain NewSession() => Grains.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N") + "-s");

    public virtual async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            ConfigureStorage(silo);
            silo.Services.AddSessionGrains();
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddSingleton(Calls);
            silo.AddIncomingGrainCallFilter<CountingCallFilter>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual void ConfigureStorage(ISiloBuilder silo) => silo.AddMemoryGrainStorage(SessionStorage.ProviderName);
}
