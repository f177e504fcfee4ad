namespace Sessions.Grains;

/// <summary>One page of a visit's recent history.</summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionPageVisit")]
public sealed record SessionPageVisit([property: Id(0)] string Path, [property: Id(1)] DateTimeOffset At);
