namespace Sessions.Grains.Interfaces;

/// <summary>A grain's revocation of the leases it granted on a session, sent before it acknowledges a change.</summary>
/// <param name="GrainKey">The session's grain key (a keyed hash of its ID, never the ID).</param>
/// <param name="Version">
/// The session's version before the change: the holder drops a lease at or below it and refuses later-arriving grants
/// at or below it.
/// </param>
/// <param name="Ended">The session ends or leaves this key (end, expiry, sign-in, ID rotation): no grant of any version is taken for a while.</param>
/// <param name="ConfirmByCall">
/// The grain had no answer to this revocation in time and asks again: the holder also confirms with
/// <see cref="ISessionGrain.ConfirmLeaseRevokedAsync"/>. An external client's answer to a grain goes through a gateway that
/// addresses it by its directory cache; for a while after the grain moved that cache is stale and Orleans drops the
/// answer, while a call is forwarded to the grain.
/// </param>
[GenerateSerializer, Immutable, Alias("sessions.SessionLeaseRevocation")]
public sealed record SessionLeaseRevocation(
    [property: Id(0)] string GrainKey,
    [property: Id(1)] long Version,
    [property: Id(2)] bool Ended,
    [property: Id(3)] bool ConfirmByCall = false);
