using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Sessions.AspNetCore;

/// <summary>
/// Every <c>ReadLeases:AccessReportInterval</c>, tells each silo the latest access of the sessions this frontend served
/// from leases it granted: one one-way call per silo, so idle expiry slides and activations stay in memory as if every
/// read had reached the grain.
/// </summary>
internal sealed class SessionAccessReporter(
    SessionLeaseCache cache,
    IServiceProvider services,
    ClusterConnection connection,
    IOptions<ReadLeaseOptions> options,
    [FromKeyedServices(ReadLeaseOptions.TimeProviderKey)] TimeProvider clock,
    ILogger<SessionAccessReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.AccessReportInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (connection.IsConnected)
            {
                Report();
            }
        }
    }

    /// <summary>Sends what was served since the last report; a silo that cannot be reached loses its report (the next lease renewal is an access too).</summary>
    internal void Report()
    {
        foreach (var (silo, accesses) in cache.TakeUnreportedAccesses())
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
            try
            {
                _ = services.GetRequiredService<IGrainFactory>().GetGrain<ISiloSessionAccessGrain>(silo.ToParsableString()).ReportAsync([.. accesses]);
            }
            catch (Exception exception) when (exception is OrleansException or InvalidOperationException)
            {
                logger.AccessReportFailed(accesses.Count, exception);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }
    }
}
