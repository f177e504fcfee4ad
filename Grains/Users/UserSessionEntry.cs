namespace Sessions.Grains;

/// <param name="Handle">The session's public identity.</param>
/// <param name="GrainKey">The key of the session's grain (a keyed hash of its ID, never the ID).</param>
/// <param name="Rotations">The session's rotation count when it moved to <paramref name="GrainKey"/>: only a higher one replaces the key.</param>
[GenerateSerializer, Immutable, Alias("sessions.UserSessionEntry")]
public sealed record UserSessionEntry(
    [property: Id(0)] string Handle,
    [property: Id(1)] string GrainKey,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] long Rotations = 0);
