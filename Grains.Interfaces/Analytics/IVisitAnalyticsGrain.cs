namespace Sessions.Grains.Interfaces;

/// <summary>
/// The deployment's visit analytics (one grain, key 0), persisted: session starts and ends come from the event outbox
/// (a batch per poll), page views from each silo's pre-aggregated counts (pulled every <c>Analytics:FlushInterval</c>),
/// so no session call reaches it.
/// </summary>
[Alias("sessions.IVisitAnalyticsGrain")]
public interface IVisitAnalyticsGrain : IGrainWithIntegerKey
{
    /// <summary>Counts <paramref name="events"/>; an event seen before (redelivered) is not counted again.</summary>
    [Alias("Apply")]
    ValueTask ApplyAsync(IReadOnlyList<SessionLifecycleEvent> events, CancellationToken cancellationToken = default);

    /// <summary>The report, with every silo's page views up to now pulled in first.</summary>
    [Alias("Report")]
    ValueTask<AnalyticsReport> GetReportAsync(CancellationToken cancellationToken = default);

    /// <summary>Live sessions as last counted (no pull; cheap enough for a metrics gauge).</summary>
    [Alias("Active")]
    ValueTask<long> GetActiveSessionsAsync(CancellationToken cancellationToken = default);
}
