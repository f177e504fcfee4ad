namespace Sessions.Grains;

/// <summary>
/// The trace a renewal leaves under the old ID: the grain key the session moved to, and the end of the grace in which
/// the old ID is still followed there. Kept until the session's absolute expiry (or the purge), so a later use of the
/// old ID is recognised as replay.
/// </summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionForward")]
public sealed record SessionForward(
    [property: Id(0)] string To,
    [property: Id(1)] DateTimeOffset GraceUntil);
