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
        silo.AddSessionsMemoryStorage(InnerStorageName);
        silo.Services.AddKeyedSingleton(SessionStorage.ProviderName,
            (services, _) => Storage.Wrap(services.GetRequiredKeyedService<IGrainStorage>(InnerStorageName)));
    }
}
