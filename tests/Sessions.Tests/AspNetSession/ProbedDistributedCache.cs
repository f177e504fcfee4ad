using Microsoft.Extensions.Caching.Distributed;

namespace Sessions.Tests.AspNetSession;

/// <summary>The built-in session's cache, seen through a <see cref="SessionStoreProbe"/>.</summary>
internal sealed class ProbedDistributedCache(IDistributedCache inner, SessionStoreProbe probe) : IDistributedCache
{
    public byte[]? Get(string key)
    {
        probe.ThrowIfUnavailable();
        return inner.Get(key);
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        probe.ThrowIfUnavailable();
        return inner.GetAsync(key, token);
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        probe.ThrowIfUnavailable();
        probe.CountWrite();
        inner.Set(key, value, options);
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        probe.ThrowIfUnavailable();
        probe.CountWrite();
        return inner.SetAsync(key, value, options, token);
    }

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);
}
