namespace Sessions.Grains.Interfaces;

/// <summary>A grain's revocation of the leases it granted on a session, sent before it acknowledges a change.</summary>
/// <param name="GrainKey">The session's grain key (a keyed hash of its ID, never the ID).</param>
/// <param name="Version">
/// The session's version before the change: the holder drops a lease at or below it and refuses later-arriving grants
/// at or below it.
/// </param>
/// <param name="Ended">The session ends or leaves this key (end, expiry, sign-in, ID rotation): no grant of any version is taken for a while.</param>
[GenerateSerializer, Immutable, Alias("sessions.SessionLeaseRevocation")]
public sealed record SessionLeaseRevocation(
    [property: Id(0)] string GrainKey,
    [property: Id(1)] long Version,
    [property: Id(2)] bool Ended);
