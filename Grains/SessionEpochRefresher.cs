using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>
/// Re-reads the deployment's end-all cut-off into this silo's <see cref="SessionEpoch"/>: once the silo is active and
/// then every <c>Auth:EpochRefreshInterval</c>, for a silo that missed the epoch grain's push.
/// </summary>
internal sealed class SessionEpochRefresher(
    IGrainFactory grains, SessionEpoch epoch, IOptions<AuthOptions> options, ILogger<SessionEpochRefresher> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SessionEpochRefresher), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        // Real time on purpose: how often a cache is refreshed is not session time (tests drive that with a fake clock).
        using var timer = new PeriodicTimer(options.Value.EpochRefreshInterval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            epoch.Advance(await grains.GetGrain<IDeploymentEpochGrain>(0).GetCutoffAsync(cancellationToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.EpochRefreshFailed(exception);
        }
    }
}
