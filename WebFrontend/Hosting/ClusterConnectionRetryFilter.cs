using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Sessions.WebFrontend.Hosting;

/// <summary>
/// Keeps the Orleans client trying to connect, once a second, and says why it cannot: a warning whenever the reason
/// changes (not every second) and the reason itself in <see cref="ClusterConnection.LastFailure"/> for <c>/readyz</c>.
/// </summary>
internal sealed class ClusterConnectionRetryFilter(
    ClusterConnection connection, IOptions<ClusterOptions> cluster, ILogger<ClusterConnectionRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var reason = exception.GetBaseException().Message;
        if (connection.RecordFailure(reason))
        {
            logger.ClusterConnectFailed(cluster.Value.ServiceId, cluster.Value.ClusterId, reason);
        }

        await Task.Delay(RetryInterval, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
