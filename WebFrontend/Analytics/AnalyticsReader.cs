namespace Sessions.WebFrontend.Analytics;

/// <summary>
/// Reads the analytics report as of now: the outbox is dispatched first (the dispatcher then feeds the analytics grain)
/// and the report pulls every silo's page views, so what happened before the request is in it.
/// </summary>
public sealed class AnalyticsReader(IGrainFactory grains)
{
    public async Task<AnalyticsReport> ReadAsync(CancellationToken cancellationToken)
    {
        await grains.GetGrain<ISessionEventDispatcherGrain>(0).DispatchNowAsync(cancellationToken);
        return await grains.GetGrain<IVisitAnalyticsGrain>(0).GetReportAsync(cancellationToken);
    }
}
