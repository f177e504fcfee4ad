using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Sessions.AspNetCore;

/// <summary>
/// Starts the Orleans client in the background instead of holding up the host: the frontend serves <c>/healthz</c>
/// and a <c>/readyz</c> that says why it is not ready (no silo yet, wrong cluster id, unreachable membership table)
/// while the client keeps retrying, and marks <see cref="ClusterConnection"/> once connected.
/// </summary>
internal sealed class ClusterClientConnector(
    IHostedService client, ClusterConnection connection, IOptions<ClusterOptions> cluster, ILogger<ClusterClientConnector> logger)
    : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _connecting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connecting = ConnectAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _connecting;
        if (connection.IsConnected)
        {
            await client.StopAsync(cancellationToken);
        }

        _stopping.Dispose();
    }

    private async Task ConnectAsync(CancellationToken stopping)
    {
        try
        {
            await client.StartAsync(stopping);
            connection.MarkConnected();
            logger.ClusterConnected(cluster.Value.ServiceId, cluster.Value.ClusterId);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped before a silo answered.
        }
    }
}
