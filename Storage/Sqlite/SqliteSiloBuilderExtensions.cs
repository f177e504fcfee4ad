using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Sessions.Grains;

namespace Sessions.Storage;

public static class SqliteSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name under which Orleans loads Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Session state in a SQLite file (table <c>sessions_state</c>, group commit on a writer thread,
    /// <paramref name="durability"/>, at most <paramref name="maxPendingWrites"/> queued); <paramref name="engine"/> must be
    /// <see cref="SessionStorageEngine.Sessions"/> (Orleans' ADO.NET engine is retired). Cleared sessions delete their row. The schema must have been applied (<see cref="SqliteSchema"/>).
    /// Also registers the <see cref="ISessionRowPurger"/> that <see cref="SessionPurgeSiloBuilderExtensions.AddSessionPurge"/>
    /// uses on this file.
    /// </summary>
    public static ISiloBuilder AddSqliteSessionStorage(
        this ISiloBuilder silo, string databasePath, SessionStorageEngine engine = SessionStorageEngine.Sessions,
        SqliteDurability durability = SqliteDurability.Normal, int maxPendingWrites = WriteBatches.DefaultCapacity)
    {
        var connectionString = SqliteSchema.ConnectionString(databasePath);
        silo.Services.TryAddSingleton<ISessionRowPurger>(sp => new SqliteSessionRowPurger(connectionString, ServiceId(sp), engine));
        // User indexes and the end-all epoch: Orleans' ADO.NET table, which the purge of session rows leaves alone.
        silo.AddSessionsAdoNetStorage(SqliteInvariant, connectionString, SessionStorage.DirectoryProviderName);
        if (engine == SessionStorageEngine.OrleansAdoNet)
        {
            throw new ArgumentException(
                "SessionStorageEngine.OrleansAdoNet is retired for session rows: use SessionStorageEngine.Sessions (the default).", nameof(engine));
        }

        silo.Services.AddSingleton<ISessionRowStore>(sp =>
        {
            var store = new SqliteSessionRowStore(
                databasePath, ServiceId(sp), durability, maxPendingWrites, sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<ILogger<SqliteSessionRowStore>>());
            return WriteBatchMetrics.Observe(store, store.Writes, sp);
        });
        silo.Services.TryAddSingleton<ISessionEventOutbox>(sp => new SqliteSessionEventOutbox(connectionString, ServiceId(sp)));
        silo.Services.AddKeyEncryption();
        silo.Services.AddSessionStateStore(sp => SessionRowStateStore.Create(sp, sp.GetRequiredService<ISessionRowStore>()));
        return silo;
    }

    private static string ServiceId(IServiceProvider services) => services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
}
