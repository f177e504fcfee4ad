using Orleans.Core.Internal;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
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

    /// <summary>The write-behind interval of the write-behind fixtures, on their fake clock.</summary>
    public static readonly TimeSpan WriteBehindFlushInterval = TimeSpan.FromSeconds(1);

    private readonly string _serviceId = "sessions-tests-" + Guid.NewGuid().ToString("N");

    /// <summary>The Orleans service id, which scopes stored rows.</summary>
    public string ServiceId => _serviceId;

    public FakeTimeProvider Time { get; } = new(Epoch);

    public GrainCallCounter Calls { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public ISessionGrain NewSession() => Grains.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N") + "-s");

    public virtual async ValueTask InitializeAsync() => await StartClusterAsync();

    /// <summary>
    /// Deactivates <paramref name="grain"/>'s activation and waits until it is gone (its <c>OnDeactivateAsync</c> done).
    /// Unlike a forced collection of every idle activation, which passes over one still finishing its last call, this
    /// always takes that grain out of memory.
    /// </summary>
    public async Task DeactivateAsync(IAddressable grain, CancellationToken cancellationToken)
    {
        using var deactivated = OrleansEvents.Deactivated(grain.GetGrainId());
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle(cancellationToken);
        await deactivated.Raised.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
    }

    /// <summary>
    /// Stops the cluster and starts a new one on the same storage and clock. Graceful: silos shut down and grains
    /// deactivate. Not graceful: silos are killed, as in a crash (kill -9), and nothing gets to run on the way out.
    /// </summary>
    public async Task RestartAsync(bool graceful)
    {
        if (graceful)
        {
            await Cluster.StopAllSilosAsync();
        }
        else
        {
            foreach (var silo in Cluster.Silos.ToList())
            {
                await Cluster.KillSiloAsync(silo);
            }
        }

        await Cluster.DisposeAsync();
        await StartClusterAsync();
    }

    /// <summary>
    /// Kills the silos rather than stopping them: a graceful stop of the last silo would wait the whole deactivation
    /// timeout (30 s) on sessions storing their last access in Orleans' memory storage, whose grains lived on the
    /// silo stopped before it.
    /// </summary>
    public virtual async ValueTask DisposeAsync()
    {
        foreach (var silo in Cluster.Silos.ToList())
        {
            await Cluster.KillSiloAsync(silo);
        }

        await Cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual void ConfigureStorage(ISiloBuilder silo) => silo.AddSessionsMemoryStorage(SessionStorage.ProviderName);

    /// <summary>Storage of the user indexes and the end-all epoch; in memory unless overridden.</summary>
    protected virtual void ConfigureDirectoryStorage(ISiloBuilder silo) => silo.AddSessionsMemoryStorage(SessionStorage.DirectoryProviderName);

    /// <summary>Anything else a fixture adds to every silo, after storage and grains.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>How session writes reach storage on this cluster's silos; write-through unless overridden.</summary>
    protected virtual void ConfigurePersistence(SessionPersistenceOptions options)
    {
    }

    /// <summary>
    /// Read leases on this cluster's silos: on (the default), with leases of <see cref="TestLeaseDuration"/> on the real
    /// clock, so that a change waiting out a lease (a frontend a test disposed, the fence of a reactivated session)
    /// costs a test little.
    /// </summary>
    protected virtual void ConfigureReadLeases(ReadLeaseOptions options) => options.Duration = TestLeaseDuration;

    /// <summary>The lease duration of the test clusters' silos.</summary>
    public static readonly TimeSpan TestLeaseDuration = TimeSpan.FromMilliseconds(200);

    /// <summary>For fixtures in write-behind mode: flush every <see cref="WriteBehindFlushInterval"/>.</summary>
    protected static void UseWriteBehind(SessionPersistenceOptions options)
    {
        options.WriteMode = SessionWriteMode.WriteBehind;
        options.WriteBehindInterval = WriteBehindFlushInterval;
    }

    private async Task StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ServiceId = _serviceId; // stored rows are scoped by it: a restarted cluster must keep it
        builder.ConfigureSilo((_, silo) =>
        {
            ConfigureStorage(silo);
            ConfigureDirectoryStorage(silo);
            silo.Services.AddSessionGrains();
            silo.Services.Configure<SessionPersistenceOptions>(ConfigurePersistence);
            silo.Services.Configure<ReadLeaseOptions>(ConfigureReadLeases);
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddSingleton(Calls);
            silo.AddIncomingGrainCallFilter<CountingCallFilter>();
            ConfigureSilo(silo);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }
}
