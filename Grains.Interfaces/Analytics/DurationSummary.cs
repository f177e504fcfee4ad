namespace Sessions.Grains.Interfaces;

/// <summary>Durations of the ended sessions, in seconds: percentiles are the upper bounds of histogram buckets.</summary>
[GenerateSerializer, Immutable, Alias("sessions.DurationSummary")]
public sealed record DurationSummary(
    [property: Id(0)] long Count, [property: Id(1)] double P50, [property: Id(2)] double P90, [property: Id(3)] double P99);
