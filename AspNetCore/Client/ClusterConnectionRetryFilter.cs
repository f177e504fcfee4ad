using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Sessions.AspNetCore;

/// <summary>
/// Keeps the Orleans client trying to connect, once a second, and says why it cannot: a warning on the first failure
/// and then at most every <see cref="LogInterval"/> (not every second), and the reason in
/// <see cref="ClusterConnection.LastFailure"/> for <c>/readyz</c>.
/// </summary>
internal sealed class ClusterConnectionRetryFilter(
    ClusterConnection connection, IOptions<ClusterOptions> cluster, TimeProvider time, ILogger<ClusterConnectionRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private DateTimeOffset? _lastLogged;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        connection.RecordFailure(exception.GetBaseException().Message);
        var now = time.GetUtcNow();
        if (_lastLogged is not { } last || now - last >= LogInterval)
        {
            _lastLogged = now;
            logger.ClusterConnectFailed(cluster.Value.ServiceId, cluster.Value.ClusterId, connection.LastFailure!);
        }

        await Task.Delay(RetryInterval, time, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
