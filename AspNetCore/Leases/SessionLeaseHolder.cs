namespace Sessions.AspNetCore;

/// <summary>
/// This frontend as a lease holder: the one observer the session grains revoke leases through (in both modes an Orleans
/// object reference; with a co-hosted silo the call stays in the process), created on the first leased load and kept
/// alive with the frontend: Orleans holds an observer only weakly, and a collected one would answer no revocation (every
/// change of a session this frontend holds would then wait its lease out). This singleton is that strong reference.
/// </summary>
internal sealed class SessionLeaseHolder(SessionLeaseCache cache, IServiceProvider services) : ISessionLeaseHolder
{
    private ISessionLeaseHolder? _reference;

    /// <summary>The reference grants name; made once the cluster is reachable (the first load needs it anyway).</summary>
    public ISessionLeaseHolder Reference => _reference ?? Create();

    public ValueTask<TimeSpan?> RevokeAsync(SessionLeaseRevocation revocation, CancellationToken cancellationToken = default)
    {
        var lastAccessAgo = cache.Revoke(revocation);
        if (revocation.ConfirmByCall) // the grain asks again: this answer may be lost on its way, a call is not
        {
            _ = Grains.GetGrain<ISessionGrain>(revocation.GrainKey).ConfirmLeaseRevokedAsync(Reference, revocation.Version, lastAccessAgo);
        }

        return ValueTask.FromResult(lastAccessAgo);
    }

    private IGrainFactory Grains => services.GetRequiredService<IGrainFactory>();

    private ISessionLeaseHolder Create()
    {
        lock (this)
        {
            return _reference ??= Grains.CreateObjectReference<ISessionLeaseHolder>(this);
        }
    }
}
