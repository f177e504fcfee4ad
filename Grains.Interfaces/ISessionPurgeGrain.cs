namespace Sessions.Grains.Interfaces;

/// <summary>
/// The one cluster-wide purger of abandoned sessions (use key 0): on a single reminder it deletes stored sessions
/// that lapsed without their grain ever running again, however many sessions there are.
/// </summary>
[Alias("sessions.ISessionPurgeGrain")]
public interface ISessionPurgeGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Registers (or refreshes) the purge reminder. Idempotent; every silo calls it when it starts. Returns false, and
    /// registers nothing, when purge is switched off or the session storage keeps no rows to purge.
    /// </summary>
    [Alias("EnsureScheduled")]
    ValueTask<bool> EnsureScheduledAsync(CancellationToken cancellationToken = default);
}
