using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Sessions.Grains;

namespace Sessions.Storage;

/// <summary>
/// Orleans' ADO.NET providers wired to the PostgreSQL schema in <c>Schema/PostgreSql</c>. The schema must be applied
/// (<see cref="PostgresSchema.ApplyAsync(string, CancellationToken)"/>) before the silo starts.
/// </summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name under which Orleans loads Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Session state in PostgreSQL under the silo's <see cref="ISessionStateStore"/> (table <c>sessions_state</c>, group commit, at most <paramref name="maxPendingWrites"/>
    /// queued); <paramref name="engine"/> must be <see cref="SessionStorageEngine.Sessions"/> (Orleans' ADO.NET engine is
    /// retired); cleared sessions delete their row. Also registers the <see cref="ISessionRowPurger"/> that
    /// <see cref="SessionPurgeSiloBuilderExtensions.AddSessionPurge"/> uses on this database.
    /// </summary>
    public static ISiloBuilder AddSessionsPostgresStorage(
        this ISiloBuilder silo, string connectionString, SessionStorageEngine engine = SessionStorageEngine.Sessions,
        int maxPendingWrites = WriteBatches.DefaultCapacity)
    {
        silo.Services.TryAddSingleton<ISessionRowPurger>(sp => new PostgresSessionRowPurger(connectionString, ServiceId(sp), engine));
        // User indexes and the end-all epoch: Orleans' ADO.NET table, which the purge of session rows leaves alone.
        silo.AddSessionsAdoNetStorage(Invariant, connectionString, SessionStorage.DirectoryProviderName);
        if (engine == SessionStorageEngine.OrleansAdoNet)
        {
            throw new ArgumentException(
                "SessionStorageEngine.OrleansAdoNet is retired for session rows: use SessionStorageEngine.Sessions (the default).", nameof(engine));
        }

        silo.Services.AddSingleton<ISessionRowStore>(sp =>
        {
            var store = new PostgresSessionRowStore(
                connectionString, ServiceId(sp), maxPendingWrites, sp.GetRequiredService<ILogger<PostgresSessionRowStore>>());
            return WriteBatchMetrics.Observe(store, store.Writes, sp);
        });
        silo.Services.TryAddSingleton<ISessionEventOutbox>(sp => new PostgresSessionEventOutbox(connectionString, ServiceId(sp)));
        silo.Services.AddKeyEncryption();
        silo.Services.AddSessionStateStore(sp => SessionRowStateStore.Create(sp, sp.GetRequiredService<ISessionRowStore>()));
        return silo;
    }

    private static string ServiceId(IServiceProvider services) => services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;

    /// <summary>Cluster membership in PostgreSQL: silos find each other through the membership table.</summary>
    public static ISiloBuilder UseSessionsPostgresClustering(this ISiloBuilder silo, string connectionString) =>
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });

    /// <summary>Reminders in PostgreSQL.</summary>
    public static ISiloBuilder UseSessionsPostgresReminders(this ISiloBuilder silo, string connectionString) =>
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
}
