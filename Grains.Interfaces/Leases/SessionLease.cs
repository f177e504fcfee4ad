using Orleans.Runtime;

namespace Sessions.Grains.Interfaces;

/// <summary>
/// A read lease a session's grain granted with a snapshot: until it runs out, the frontend may serve reads of the session
/// from its own memory, because the grain revokes it (and waits for the frontend's confirmation or the lease's end)
/// before it acknowledges any change.
/// </summary>
/// <param name="Version">
/// The session's version the snapshot is of, the fencing token: a frontend refuses a grant at or below a version it saw
/// revoked or already holds newer (a revocation may arrive before its grant; a stale duplicate activation grants old versions).
/// </param>
/// <param name="Duration">
/// How long the lease lasts, never past the session's expiry, its ID renewal or its principal re-validation (times that
/// move are not frozen into the snapshot: once one is due, the next read asks the grain). The frontend counts it from
/// before it sent the request (<see cref="HolderValidity"/>), the grain from after it granted (<see cref="GrantorBound"/>).
/// </param>
/// <param name="IdleTimeout">The session's idle timeout: a read from the lease slides its expiry as a grain read would.</param>
/// <param name="AbsoluteExpiresAt">When the session ends whatever its use (its absolute timeout).</param>
/// <param name="Silo">Where the granting activation lives: the frontend reports accesses served from the lease there.</param>
/// <param name="ServeUntil">
/// The grain's wall-clock time at which the session's absolute expiry, ID renewal or principal re-validation falls due
/// (<see cref="DateTimeOffset.MaxValue"/>: none). The lease's duration already ends before it; the frontend also stops
/// serving once its own wall clock passes it, a check that can only end a lease early (a frontend clock behind the
/// silo's still stops at the lease's end).
/// </param>
[GenerateSerializer, Immutable, Alias("sessions.SessionLease")]
public sealed record SessionLease(
    [property: Id(0)] long Version,
    [property: Id(1)] TimeSpan Duration,
    [property: Id(2)] TimeSpan IdleTimeout,
    [property: Id(3)] DateTimeOffset AbsoluteExpiresAt,
    [property: Id(4)] SiloAddress Silo,
    [property: Id(5)] DateTimeOffset ServeUntil)
{
    /// <summary>The clock-rate difference allowed between a frontend's and a silo's monotonic clocks (1 %).</summary>
    public const double DriftRate = 0.01;

    /// <summary>A fixed allowance on top of the rate: timer and scheduling slack on the grain's side.</summary>
    public static readonly TimeSpan DriftAllowance = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a frontend holds a lease of <paramref name="duration"/>, from before it sent the request: a little less.</summary>
    public static TimeSpan HolderValidity(TimeSpan duration) => duration * (1 - DriftRate);

    /// <summary>How long a grain counts a lease of <paramref name="duration"/> as outstanding, from after it granted it: a little more.</summary>
    public static TimeSpan GrantorBound(TimeSpan duration) => duration * (1 + DriftRate) + DriftAllowance;
}
