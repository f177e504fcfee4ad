using Orleans.Configuration;
using Sessions.Silo;

namespace Sessions.WebFrontend.Hosting;

internal static class OrleansClientHostingExtensions
{
    /// <summary>
    /// The one place the Orleans client is registered: gateways from localhost or the PostgreSQL membership table.
    /// The client keeps retrying to connect at start, so a frontend started before its silos waits for them.
    /// </summary>
    public static WebApplicationBuilder AddSessionsOrleansClient(this WebApplicationBuilder builder, FrontendOptions options)
    {
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = options.ServiceId;
                cluster.ClusterId = options.ClusterId;
            });
            if (options.Clustering == FrontendClustering.AdoNet)
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresSiloBuilderExtensions.Invariant;
                    o.ConnectionString = options.PostgresConnectionString;
                });
            }
            else
            {
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
            }

            client.UseConnectionRetryFilter(RetryConnectingAsync);
        });
        return builder;
    }

    private static async Task<bool> RetryConnectingAsync(Exception exception, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
