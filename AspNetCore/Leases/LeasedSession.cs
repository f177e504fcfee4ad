using Orleans.Runtime;

namespace Sessions.AspNetCore;

/// <summary>
/// A session a frontend holds under a read lease: the grain's immutable snapshot, the lease's version and end on the
/// lease clock, what a read from it needs to present times that move, and its latest access served from memory.
/// </summary>
internal sealed class LeasedSession(SessionSnapshot snapshot, SessionLease lease, long requestedAt, long validUntil, long bytes, DateTimeOffset takenAt)
{
    private long _lastAccess;
    private long _servedAtTicks = takenAt.UtcTicks; // wall clock of the latest read from the lease (or its taking)
    private long _lastReported;

    public SessionSnapshot Snapshot => snapshot;

    public long Version => lease.Version;

    /// <summary>The lease clock's timestamp at which the frontend stops serving from the lease.</summary>
    public long ValidUntil => validUntil;

    public SiloAddress Silo => lease.Silo;

    /// <summary>What the entry counts against <c>ReadLeases:CacheSizeBytes</c>.</summary>
    public long Bytes => bytes;

    /// <summary>The lease clock's timestamp of the latest use: a read served from the lease, else the load that brought it (for eviction).</summary>
    public long LastUsed => Math.Max(LastAccess, requestedAt);

    /// <summary>The lease clock's timestamp of the latest read served from the lease; 0 for none.</summary>
    public long LastAccess => Volatile.Read(ref _lastAccess);

    public void Accessed(long now) => Volatile.Write(ref _lastAccess, now);

    /// <summary>
    /// Whether the frontend's wall clock still allows a read from the lease (beside the lease clock, which rules): not past
    /// <see cref="SessionLease.ServeUntil"/> nor an idle timeout after the latest read served from it.
    /// </summary>
    public bool Serves(DateTimeOffset now) =>
        now < lease.ServeUntil && now.UtcTicks - Volatile.Read(ref _servedAtTicks) < lease.IdleTimeout.Ticks;

    /// <summary>The latest access not reported yet, marked reported; 0 when there is none.</summary>
    public long TakeUnreportedAccess()
    {
        var last = LastAccess;
        if (last == 0 || last == _lastReported)
        {
            return 0;
        }

        _lastReported = last;
        return last;
    }

    /// <summary>A read served from the lease at <paramref name="now"/>: the idle timeout the wall clock checks slides from it.</summary>
    public void Served(DateTimeOffset now) => Volatile.Write(ref _servedAtTicks, now.UtcTicks);

    /// <summary>
    /// The session's metadata as a read at <paramref name="now"/> sees it: accessed now, so its idle expiry slides from
    /// now (within its absolute expiry), as a grain read would have answered.
    /// </summary>
    public SessionInfo InfoAt(DateTimeOffset now)
    {
        var expiresAt = now + lease.IdleTimeout;
        if (lease.AbsoluteExpiresAt < expiresAt)
        {
            expiresAt = lease.AbsoluteExpiresAt;
        }

        return snapshot.Info with { LastAccessedAt = now, ExpiresAt = expiresAt };
    }
}
