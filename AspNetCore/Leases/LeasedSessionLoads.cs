namespace Sessions.AspNetCore;

/// <summary>
/// How a request loads its session when read leases are on: from the lease cache while a lease is valid (no grain call),
/// else one leased load that brings the snapshot (nothing but the renewed lease when the held one is still current).
/// </summary>
internal sealed class LeasedSessionLoads(SessionLeaseCache cache, SessionLeaseHolder holder)
{
    public bool TryRead(string grainKey, out LeasedSessionRead read) => cache.TryRead(grainKey, out read);

    /// <summary>
    /// Loads through the grain, asking for a lease. A lease the cache refuses (a revocation got here first) still leaves
    /// this read its answer: the grain answered it before it revoked anything.
    /// </summary>
    public async Task<SessionSnapshot?> LoadAsync(SessionGrains grains, SessionCallPolicy calls, string grainKey, CancellationToken cancellationToken)
    {
        cache.Missed();
        var held = cache.Held(grainKey);
        var requestedAt = cache.Now(); // the lease counts from before the request left
        var read = await calls.ReadAsync(
            "loading", (grains, grainKey, holder: holder.Reference, heldVersion: held?.Version ?? -1),
            static (s, token) => s.grains.ForKey(s.grainKey).LoadLeasedAsync(s.holder, s.heldVersion, token), cancellationToken);
        if (!read.Live)
        {
            return null;
        }

        var snapshot = read.Snapshot ?? held!.Snapshot; // no items: the grain said the held version is current
        if (read.Lease is { } lease)
        {
            cache.Accept(grainKey, requestedAt, lease, snapshot);
        }

        return snapshot;
    }
}
