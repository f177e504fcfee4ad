using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Sessions.Tests.Fixtures;

/// <summary>A test cluster whose session storage is watched by a <see cref="StorageProbe"/>.</summary>
public class ProbedClusterFixture : ClusterFixture
{
    private const string InnerStorageName = "sessions-inner";

    public StorageProbe Storage { get; } = new();

    protected override void ConfigureStorage(ISiloBuilder silo)
    {
        // Orleans' memory storage under another name: the store on it logs no lifecycle events, as before.
        silo.AddSessionsMemoryStorage(InnerStorageName);
        silo.Services.AddSessionStateStore(services =>
            Storage.Wrap(new MemorySessionStateStore(services.GetRequiredKeyedService<IGrainStorage>(InnerStorageName), events: null)));
    }
}
