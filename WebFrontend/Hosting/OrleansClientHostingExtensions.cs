using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Sessions.Grains.Interfaces.Configuration;
using Sessions.Silo;

namespace Sessions.WebFrontend.Hosting;

internal static class OrleansClientHostingExtensions
{
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The one place the Orleans client is registered: gateways from localhost or the PostgreSQL membership table, the
    /// cluster identity from <c>Orleans:ServiceId</c> / <c>Orleans:ClusterId</c> (bound by Orleans). The client connects
    /// in the background and keeps retrying, so a frontend started before its silos waits for them, not ready.
    /// </summary>
    public static WebApplicationBuilder AddSessionsOrleansClient(
        this WebApplicationBuilder builder, SessionsClusterOptions cluster, SessionsConnectionStrings connectionStrings)
    {
        var hostedBefore = HostedServices(builder.Services);
        var observability = builder.GetValidatedOptions<ObservabilityOptions>();
        builder.UseOrleansClient(client =>
        {
            if (cluster.Membership == ClusterMembership.AdoNet)
            {
                client.UseSessionsPostgresClustering(connectionStrings.Sessions!);
            }
            else
            {
                client.UseLocalhostClustering(cluster.GatewayPort);
            }

            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
            // Learn of a dead or new gateway within seconds, not Orleans' default minute: a silo cut off by a network
            // partition keeps its TCP connections open, and only the membership table tells the client it is gone.
            client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = GatewayListRefreshPeriod);
            if (observability.OrleansDashboard)
            {
                client.AddDashboard();
            }

            if (observability.RecordsTraces())
            {
                client.AddActivityPropagation();
            }
        });

        // The client's own start would hold up the host until a silo answers; the connector starts it instead.
        var clientStart = HostedServices(builder.Services).Except(hostedBefore).Single();
        builder.Services.Remove(clientStart);
        builder.Services.TryAddSingleton(ClusterConnection.Pending());
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
