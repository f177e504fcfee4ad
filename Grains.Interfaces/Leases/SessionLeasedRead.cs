namespace Sessions.Grains.Interfaces;

/// <summary>What <see cref="ISessionGrain.LoadLeasedAsync"/> answers.</summary>
/// <param name="Live">False when the ID names no live session (ended, expired, replayed, or never stored).</param>
/// <param name="Snapshot">
/// The session; null for a live session when it is still at the version the frontend said it holds (a lease renewal
/// carries no items).
/// </param>
/// <param name="Lease">
/// The lease over the snapshot (or over the one held, on a renewal); null when none was granted: leases are off, the ID was
/// renewed away from (a forward), or a renewal or re-validation is due.
/// </param>
[GenerateSerializer, Immutable, Alias("sessions.SessionLeasedRead")]
public sealed record SessionLeasedRead(
    [property: Id(0)] bool Live,
    [property: Id(1)] SessionSnapshot? Snapshot,
    [property: Id(2)] SessionLease? Lease)
{
    /// <summary>No live session.</summary>
    public static SessionLeasedRead Dead { get; } = new(false, null, null);
}
