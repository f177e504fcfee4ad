namespace Sessions.Grains.Interfaces;

/// <summary>Page views per ended session: percentiles are the upper bounds of histogram buckets.</summary>
[GenerateSerializer, Immutable, Alias("sessions.PagesPerSessionSummary")]
public sealed record PagesPerSessionSummary([property: Id(0)] double P50, [property: Id(1)] double P90);
