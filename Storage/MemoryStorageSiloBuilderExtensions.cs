using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Sessions.Grains;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sessions.Storage;

public static class MemoryStorageSiloBuilderExtensions
{
    /// <summary>
    /// Orleans' memory grain storage under <paramref name="providerName"/>, with Orleans' binary serializer like the
    /// database providers (its JSON default cannot round-trip every state type, e.g. immutable collections in records).
    /// </summary>
    /// <remarks>
    /// Under <see cref="SessionStorage.ProviderName"/>: the silo's <see cref="ISessionStateStore"/> is a
    /// <see cref="MemorySessionStateStore"/> on such storage, which also logs lifecycle events to the memory outbox
    /// (<see cref="MemorySessionEventOutbox"/>).
    /// </remarks>
    public static ISiloBuilder AddSessionsMemoryStorage(this ISiloBuilder silo, string providerName)
    {
        var storedAs = providerName == SessionStorage.ProviderName ? MemorySessionsProviderName : providerName;
        silo.AddMemoryGrainStorage(storedAs);
        silo.Services.AddOptions<MemoryGrainStorageOptions>(storedAs)
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        if (storedAs != providerName)
        {
            silo.Services.AddSessionStateStore(sp => new MemorySessionStateStore(
                sp.GetRequiredKeyedService<IGrainStorage>(storedAs), sp.GetRequiredService<IGrainFactory>()));
            silo.Services.TryAddSingleton<ISessionEventOutbox, MemorySessionEventOutbox>();
        }

        return silo;
    }

    private const string MemorySessionsProviderName = SessionStorage.ProviderName + "-memory";
}
