using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>
/// Re-reads the deployment's end-all generation into this silo's <see cref="SessionEpoch"/>: once the silo is active
/// and then every <c>Auth:EpochRefreshInterval</c>, for a silo that missed the epoch grain's push or joined later.
/// </summary>
/// <remarks>
/// Ticks on the <see cref="SessionEpoch.TimeProviderKey"/> clock (real time unless a test registers its own), not the
/// session clock: how often a cache is refreshed is not session time.
/// </remarks>
internal sealed class SessionEpochRefresher(
    IGrainFactory grains,
    SessionEpoch epoch,
    IOptions<AuthOptions> options,
    [FromKeyedServices(SessionEpoch.TimeProviderKey)] TimeProvider time,
    ILogger<SessionEpochRefresher> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private bool _staleReported;

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
        using var timer = new PeriodicTimer(options.Value.EpochRefreshInterval, time);
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
            epoch.Observe(await grains.GetGrain<IDeploymentEpochGrain>(0).GetGenerationAsync(cancellationToken));
            _staleReported = false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.EpochRefreshFailed(exception);
            if (epoch.IsStale && !_staleReported)
            {
                _staleReported = true;
                logger.EpochStale(options.Value.EpochStaleAfter);
            }
        }
    }
}
