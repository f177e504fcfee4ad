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
    : PeriodicSiloWork(ServiceLifecycleStage.Active, options.Value.EpochRefreshInterval, time)
{
    private bool _staleReported;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
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
