using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Sessions.Grains;
using Sessions.Configuration;

namespace Sessions.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Hosts a Sessions silo in this process: clustering, session storage, reminders, the session grains and the purge
    /// of abandoned sessions, from the <c>Orleans</c>, <c>Cluster</c>, <c>ClusterTls</c>, <c>ConnectionStrings</c>, <c>Silo</c> and
    /// <c>Session*</c> configuration sections. The standalone Silo and the embedded WebFrontend both call this.
    /// </summary>
    public static IHostApplicationBuilder AddSessionsSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        builder.AddSessionsConfiguration();
        builder.Services.AddSessionGrains();
        builder.Services.AddValidatedOptions<SessionsConnectionStrings, SessionsConnectionStringsValidator>(SessionsConnectionStrings.SectionName);
        builder.Services.AddValidatedOptions<SiloHostingOptions, SiloHostingOptionsValidator>(SiloHostingOptions.SectionName);
        builder.Services.AddValidatedOptions<ObservabilityOptions, ObservabilityOptionsValidator>(ObservabilityOptions.SectionName);
        var options = builder.GetValidatedOptions<SiloHostingOptions>();
        var observability = builder.GetValidatedOptions<ObservabilityOptions>();
        var activation = builder.GetValidatedOptions<SessionActivationOptions>();
        var cluster = builder.GetValidatedOptions<SessionsClusterOptions>();
        var postgres = builder.GetValidatedOptions<SessionsConnectionStrings>().Sessions ?? "";
        var tls = builder.GetValidatedOptions<ClusterTlsOptions>();
        var tlsCertificates = tls.Enabled ? ClusterTlsCertificates.Load(tls, builder.Environment.ContentRootPath) : null;

        // Schema installers are hosted services registered ahead of UseOrleans, so they finish before the silo starts.
        string? sqlitePath = null;
        if (options.Storage == SessionStorageKind.Sqlite)
        {
            sqlitePath = Path.GetFullPath(options.SqlitePath, builder.Environment.ContentRootPath);
            builder.Services.AddHostedService(sp =>
                new SqliteSchemaInstaller(sqlitePath, sp.GetRequiredService<ILogger<SqliteSchemaInstaller>>()));
        }

        if (options.UsesPostgres(cluster.Membership))
        {
            var apply = options.ApplySchemaOnStart;
            builder.Services.AddHostedService(sp =>
                new PostgresSchemaInstaller(postgres, apply, sp.GetRequiredService<ILogger<PostgresSchemaInstaller>>()));
        }

        builder.UseOrleans(silo =>
        {
            // Orleans binds ClusterOptions (Orleans:ServiceId, Orleans:ClusterId) from configuration itself.
            silo.Configure<ClusterMembershipOptions>(options.FailureDetection.ApplyTo);

            switch (cluster.Membership)
            {
                case ClusterMembership.Localhost:
                    silo.UseLocalhostClustering(options.SiloPort, cluster.GatewayPort);
                    // One silo: every lookup is local, so a directory cache only keeps addresses of sessions long gone
                    // from memory (it holds up to a million entries).
                    silo.Configure<GrainDirectoryOptions>(o => o.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None);
                    break;
                case ClusterMembership.AdoNet:
                    silo.UseSessionsPostgresClustering(postgres);
                    silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedIPAddress), options.SiloPort, cluster.GatewayPort,
                        options.ListenOnAnyHostAddress);
                    silo.AddSessionGrainDirectory(options.GrainDirectory, options.GrainDirectoryCrashLease);
                    if (options.MembershipConfirmation > TimeSpan.Zero)
                    {
                        silo.Services.AddSiloMembershipConfirmation(options.MembershipConfirmation);
                    }

                    silo.AddSessionRebalancing(activation);
                    break;
            }

            if (tlsCertificates is not null)
            {
                silo.UseSessionsClusterTls(tlsCertificates);
            }

            switch (options.Storage)
            {
                case SessionStorageKind.Memory:
                    silo.AddSessionsMemoryStorage(SessionStorage.ProviderName);
                    silo.AddSessionsMemoryStorage(SessionStorage.DirectoryProviderName);
                    break;
                case SessionStorageKind.Sqlite:
                    silo.AddSqliteSessionStorage(sqlitePath!, options.StorageEngine, options.SqliteDurability, options.MaxPendingWrites);
                    break;
                case SessionStorageKind.PostgreSql:
                    silo.AddSessionsPostgresStorage(postgres, options.StorageEngine, options.MaxPendingWrites);
                    break;
            }

            switch (options.Reminders)
            {
                case SiloReminders.Memory:
                    silo.UseInMemoryReminderService();
                    break;
                case SiloReminders.AdoNet:
                    silo.UseSessionsPostgresReminders(postgres);
                    break;
            }

            // Storage kinds that keep rows register their ISessionRowPurger above; with none the purge does nothing.
            silo.AddSessionPurge();
            silo.AddSessionEvents();
            if (observability.OrleansDashboard)
            {
                silo.AddDashboard();
            }

            if (observability.RecordsTraces())
            {
                silo.AddActivityPropagation();
            }

            configure?.Invoke(silo);
        });

        return builder;
    }
}
