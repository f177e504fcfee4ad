namespace Sessions.Grains;

/// <summary>The built-in subscriber: counts every event batch into <see cref="IVisitAnalyticsGrain"/>.</summary>
internal sealed class VisitAnalyticsSubscriber(IGrainFactory grains) : ISessionEventSubscriber
{
    public async Task HandleAsync(IReadOnlyList<SessionLifecycleEvent> events, CancellationToken cancellationToken) =>
        await grains.GetGrain<IVisitAnalyticsGrain>(0).ApplyAsync(events, cancellationToken);
}
