namespace Sessions.Grains.Interfaces;

/// <summary>
/// A frontend that holds read leases: one observer per frontend process (created with
/// <c>IGrainFactory.CreateObjectReference</c>, kept alive by the frontend), passed with every leased load.
/// </summary>
[Alias("sessions.ISessionLeaseHolder")]
public interface ISessionLeaseHolder : IGrainObserver
{
    /// <summary>
    /// Drops the lease named by <paramref name="revocation"/>; returning confirms that no read is served from it any
    /// more. Answers how long ago the frontend last served a read of the session from the lease (null: none since it
    /// was granted), so that the grain's idle expiry counts it.
    /// </summary>
    [Alias("Revoke")]
    ValueTask<TimeSpan?> RevokeAsync(SessionLeaseRevocation revocation, CancellationToken cancellationToken = default);
}
