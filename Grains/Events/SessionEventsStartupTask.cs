namespace Sessions.Grains;

/// <summary>
/// Starts the event dispatcher and the analytics grain once this silo has started (idempotent; every silo runs it).
/// </summary>
internal sealed class SessionEventsStartupTask(IGrainFactory grains) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        await grains.GetGrain<ISessionEventDispatcherGrain>(0).StartAsync(cancellationToken);
        await grains.GetGrain<IVisitAnalyticsGrain>(0).GetActiveSessionsAsync(cancellationToken);
    }
}
