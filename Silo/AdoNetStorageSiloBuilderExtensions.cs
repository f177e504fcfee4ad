using Orleans.Serialization;
using Orleans.Storage;
using Sessions.Grains;

namespace Sessions.Silo;

/// <summary>The one place session storage on Orleans' ADO.NET persistence is configured, for SQLite and PostgreSQL alike.</summary>
internal static class AdoNetStorageSiloBuilderExtensions
{
    /// <summary>
    /// Session state under <see cref="SessionStorage.ProviderName"/>: Orleans' binary serializer for the payload, and
    /// <c>DeleteStateOnClear</c> so destroyed and expired sessions leave no row behind.
    /// </summary>
    public static ISiloBuilder AddSessionsAdoNetStorage(this ISiloBuilder silo, string invariant, string connectionString) =>
        silo.AddAdoNetGrainStorage(SessionStorage.ProviderName, storage => storage.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
            o.DeleteStateOnClear = true;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
}
