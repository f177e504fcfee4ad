using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;
using Sessions.Grains;
using Sessions.Grains.Interfaces;

namespace Sessions.Silo;

/// <summary>The one place session storage on Orleans' ADO.NET persistence is configured, for SQLite and PostgreSQL alike.</summary>
internal static class AdoNetStorageSiloBuilderExtensions
{
    private const string InnerProviderName = SessionStorage.ProviderName + ".adonet";

    /// <summary>
    /// Session state under <see cref="SessionStorage.ProviderName"/>: Orleans' binary serializer for the payload,
    /// <c>DeleteStateOnClear</c> so destroyed and expired sessions leave no row behind, and database failures turned
    /// into <see cref="SessionStorageException"/>.
    /// </summary>
    public static ISiloBuilder AddSessionsAdoNetStorage(this ISiloBuilder silo, string invariant, string connectionString)
    {
        silo.AddAdoNetGrainStorage(InnerProviderName, storage => storage.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
            o.DeleteStateOnClear = true;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.Services.AddKeyedSingleton<IGrainStorage>(SessionStorage.ProviderName, (services, _) =>
            new StorageFailureTranslatingGrainStorage(
                services.GetRequiredKeyedService<IGrainStorage>(InnerProviderName),
                services.GetRequiredService<ILogger<StorageFailureTranslatingGrainStorage>>()));
        return silo;
    }
}
