namespace Sessions.Grains.Interfaces;

/// <summary>The visit analytics of the deployment (aggregates only: no session, user or address in it).</summary>
/// <param name="ActiveSessions">Live sessions: started and not ended, whether or not their grains are in memory.</param>
/// <param name="PerMinute">The last 60 minutes, oldest first, minutes without events included.</param>
[GenerateSerializer, Immutable, Alias("sessions.AnalyticsReport")]
public sealed record AnalyticsReport(
    [property: Id(0)] long ActiveSessions,
    [property: Id(1)] long SessionsStarted,
    [property: Id(2)] long SessionsEnded,
    [property: Id(3)] long PageViews,
    [property: Id(4)] IReadOnlyList<PageViews> TopPages,
    [property: Id(5)] DurationSummary DurationSeconds,
    [property: Id(6)] PagesPerSessionSummary PagesPerSession,
    [property: Id(7)] IReadOnlyList<MinuteCounts> PerMinute);
