namespace Sessions.Grains.Interfaces;

/// <summary>Sessions started and ended in one minute (UTC, the minute's start), by the events' own times.</summary>
[GenerateSerializer, Immutable, Alias("sessions.MinuteCounts")]
public sealed record MinuteCounts([property: Id(0)] DateTimeOffset Minute, [property: Id(1)] long Started, [property: Id(2)] long Ended);
