using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Sessions.AspNetCore;

/// <summary>
/// Ready when the Orleans client has connected and the cluster answers with at least one active silo, and the process
/// is not stopping (from SIGTERM on, through <c>Frontend:DrainDelay</c>, it is not ready while it still serves).
/// </summary>
internal sealed class ClusterReadyHealthCheck(
    IGrainFactory grains, ClusterConnection connection, IOptions<ClusterOptions> cluster, IHostApplicationLifetime lifetime)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Stopping: finishing requests, take this frontend out of rotation");
        }

        if (!connection.IsConnected)
        {
            return HealthCheckResult.Unhealthy(
                $"Not connected to cluster '{cluster.Value.ClusterId}' of service '{cluster.Value.ServiceId}': {connection.LastFailure ?? "connecting"}");
        }

        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("No active silo");
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Cluster unreachable: " + exception.GetBaseException().Message, exception);
        }
    }
}
