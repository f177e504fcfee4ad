namespace Sessions.Grains;

/// <summary>How old a stored session row must be before it certainly belongs to a lapsed session.</summary>
public static class SessionPurgeThreshold
{
    /// <summary>
    /// A grain persists its last-access time once it has drifted by more than
    /// <see cref="SessionExpiryOptions.LastAccessPersistFraction"/> of the idle timeout (in write-behind mode up to
    /// <see cref="SessionPersistenceOptions.WriteBehindInterval"/> later), so the real last access is at most that
    /// long after the row's last write. A row older than the idle timeout plus that drift plus
    /// <see cref="SessionPurgeOptions.Grace"/> therefore holds a session that has lapsed.
    /// </summary>
    /// <remarks>
    /// The idle timeout is the longest a session of this silo can have, the default or
    /// <see cref="SessionExpiryOptions.MaxIdleTimeout"/> (an app may ask for that much), since a row does not say which it has.
    /// </remarks>
    public static TimeSpan Compute(SessionExpiryOptions expiry, SessionPersistenceOptions persistence, SessionPurgeOptions purge)
    {
        var idleTimeout = expiry.IdleTimeout > expiry.MaxIdleTimeout ? expiry.IdleTimeout : expiry.MaxIdleTimeout;
        var unpersistedAccess = idleTimeout * expiry.LastAccessPersistFraction;
        var unflushedWrite = persistence.WriteMode == SessionWriteMode.WriteBehind ? persistence.WriteBehindInterval : TimeSpan.Zero;
        return idleTimeout + unpersistedAccess + unflushedWrite + purge.Grace;
    }
}
