using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Sessions.Silo;

public static class MemoryStorageSiloBuilderExtensions
{
    /// <summary>
    /// Orleans' memory grain storage under <paramref name="providerName"/>, with Orleans' binary serializer like the
    /// database providers (its JSON default cannot round-trip every state type, e.g. immutable collections in records).
    /// </summary>
    public static ISiloBuilder AddSessionsMemoryStorage(this ISiloBuilder silo, string providerName)
    {
        silo.AddMemoryGrainStorage(providerName);
        silo.Services.AddOptions<MemoryGrainStorageOptions>(providerName)
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        return silo;
    }
}
