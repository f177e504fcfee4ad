using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Sessions.Grains;

namespace Sessions.Silo;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Hosts a Sessions silo in this process: clustering, session storage, reminders, the session grains and the purge
    /// of abandoned sessions, from the <c>Silo</c> and <c>SessionPurge</c> configuration sections. The standalone Silo and the embedded WebFrontend both call this.
    /// </summary>
    public static IHostApplicationBuilder AddSessionsSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        var section = builder.Configuration.GetSection(SiloHostingOptions.SectionName);
        var purge = builder.Configuration.GetSection(SessionPurgeOptions.SectionName).Get<SessionPurgeOptions>() ?? new SessionPurgeOptions();
        var options = SiloHostingOptions.Load(section, purge);

        builder.Services.AddOptions<SiloHostingOptions>().Bind(section);
        builder.Services.AddSessionGrains();

        // Schema installers are hosted services registered ahead of UseOrleans, so they finish before the silo starts.
        string? sqlitePath = null;
        if (options.Storage == SessionStorageKind.Sqlite)
        {
            sqlitePath = Path.GetFullPath(options.SqlitePath, builder.Environment.ContentRootPath);
            builder.Services.AddHostedService(sp =>
                new SqliteSchemaInstaller(sqlitePath, sp.GetRequiredService<ILogger<SqliteSchemaInstaller>>()));
        }

        var postgres = options.PostgresConnectionString ?? "";
        if (options.UsesPostgres)
        {
            var apply = options.ApplySchemaOnStart;
            builder.Services.AddHostedService(sp =>
                new PostgresSchemaInstaller(postgres, apply, sp.GetRequiredService<ILogger<PostgresSchemaInstaller>>()));
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = options.ServiceId;
                cluster.ClusterId = options.ClusterId;
            });
            silo.Configure<ClusterMembershipOptions>(options.FailureDetection.ApplyTo);

            switch (options.Clustering)
            {
                case SiloClustering.Localhost:
                    silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
                    break;
                case SiloClustering.AdoNet:
                    silo.UseSessionsPostgresClustering(postgres);
                    silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedIPAddress), options.SiloPort, options.GatewayPort,
                        options.ListenOnAnyHostAddress);
                    break;
            }

            switch (options.Storage)
            {
                case SessionStorageKind.Memory:
                    silo.AddMemoryGrainStorage(SessionStorage.ProviderName);
                    break;
                case SessionStorageKind.Sqlite:
                    silo.AddSqliteSessionStorage(sqlitePath!);
                    break;
                case SessionStorageKind.PostgreSql:
                    silo.AddSessionsPostgresStorage(postgres);
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

            configure?.Invoke(silo);
        });

        return builder;
    }
}
