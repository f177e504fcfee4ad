using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;
using Sessions.Grains;
using Sessions.Grains.Interfaces;

namespace Sessions.Storage;

/// <summary>
/// The one place Orleans' ADO.NET persistence is configured, for SQLite and PostgreSQL alike: the directory grains'
/// storage (per-user indexes, analytics, the end-all epoch). Session records go through <see cref="ISessionStateStore"/>.
/// </summary>
internal static class AdoNetStorageSiloBuilderExtensions
{
    /// <summary>
    /// Grain state under <paramref name="providerName"/>: Orleans' binary serializer for the payload,
    /// <c>DeleteStateOnClear</c> so cleared state leaves no row behind, and database failures turned
    /// into <see cref="SessionStorageException"/>.
    /// </summary>
    public static ISiloBuilder AddSessionsAdoNetStorage(
        this ISiloBuilder silo, string invariant, string connectionString, string providerName)
    {
        var innerProviderName = providerName + ".adonet";
        silo.AddAdoNetGrainStorage(innerProviderName, storage => storage.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
            o.DeleteStateOnClear = true;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.Services.AddKeyedSingleton<IGrainStorage>(providerName, (services, _) =>
            new StorageFailureTranslatingGrainStorage(
                services.GetRequiredKeyedService<IGrainStorage>(innerProviderName),
                services.GetRequiredService<ILogger<StorageFailureTranslatingGrainStorage>>()));
        return silo;
    }
}
