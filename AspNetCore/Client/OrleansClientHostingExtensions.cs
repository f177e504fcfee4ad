using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Sessions.AspNetCore;

public static class OrleansClientHostingExtensions
{
    /// <summary>How often the client refreshes its list of gateways.</summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Makes this app an Orleans client of a separate Sessions silo cluster (cluster mode): gateways on this machine
    /// (<c>Cluster:Membership=Localhost</c>, port <c>Cluster:GatewayPort</c>) or from the PostgreSQL membership table
    /// (<c>AdoNet</c>, <c>ConnectionStrings:Sessions</c>; the Npgsql driver must be referenced, as the
    /// <c>GrainSessions.Storage</c> package does), the cluster identity from <c>Orleans:ServiceId</c> /
    /// <c>Orleans:ClusterId</c> (bound by Orleans), mutual TLS to the gateways when <c>ClusterTls:Enabled</c>. The client connects in the background and keeps retrying, so an
    /// app started before its silos answers 503 until they are reachable instead of failing to start.
    /// </summary>
    /// <param name="builder">The app's builder.</param>
    /// <param name="configure">Further client settings (dashboard, activity propagation), applied last.</param>
    public static IHostApplicationBuilder AddSessionsClient(this IHostApplicationBuilder builder, Action<IClientBuilder>? configure = null)
    {
        builder.AddSessionsConfiguration();
        var cluster = builder.GetValidatedOptions<SessionsClusterOptions>();
        var connectionStrings = builder.GetValidatedOptions<SessionsConnectionStrings>();
        var tls = builder.GetValidatedOptions<ClusterTlsOptions>();
        var tlsCertificates = tls.Enabled ? ClusterTlsCertificates.Load(tls, builder.Environment.ContentRootPath) : null;
        var hostedBefore = HostedServices(builder.Services);
        builder.UseOrleansClient(client =>
        {
            if (cluster.Membership == ClusterMembership.AdoNet)
            {
                client.UseAdoNetClustering(o =>
                {
                    // Orleans finds the driver by its invariant name; this library references no database driver.
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionStrings.Sessions;
                });
            }
            else
            {
                client.UseLocalhostClustering(cluster.GatewayPort);
            }

            if (tlsCertificates is not null)
            {
                client.UseSessionsClusterTls(tlsCertificates);
            }

            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
            // Learn of a dead or new gateway within seconds, not Orleans' default minute: a silo cut off by a network
            // partition keeps its TCP connections open, and only the membership table tells the client it is gone.
            client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = GatewayListRefreshPeriod);
            configure?.Invoke(client);
        });

        // The client's own start would hold up the host until a silo answers; the connector starts it instead.
        var clientStart = HostedServices(builder.Services).Except(hostedBefore).Single();
        builder.Services.Remove(clientStart);
        builder.Services.Replace(ServiceDescriptor.Singleton(ClusterConnection.Pending()));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService(sp => new ClusterClientConnector(
            (IHostedService)(clientStart.ImplementationFactory?.Invoke(sp) ?? throw new InvalidOperationException("The Orleans client is not registered by a factory.")),
            sp.GetRequiredService<ClusterConnection>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<ILogger<ClusterClientConnector>>()));
        return builder;
    }

    private static List<ServiceDescriptor> HostedServices(IServiceCollection services) =>
        services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
}
