using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// New sessions per client address and minute (<c>RateLimits:SessionCreationsPerMinute</c>), on ASP.NET Core's rate
/// limiter: a fixed window per address, whose idle partitions the limiter drops by itself.
/// </summary>
public sealed class SessionCreationLimiter : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<string>? _limiter;

    public SessionCreationLimiter(IOptions<RateLimitOptions> options)
    {
        var permits = options.Value.SessionCreationsPerMinute;
        if (permits > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
                address, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0 }));
        }
    }

    /// <summary>Counts a new session of the request's client; throws <see cref="RateLimitedException"/> beyond the limit.</summary>
    public void ThrowIfLimited(HttpContext http)
    {
        // The server API's callers are authenticated frontends that create sessions for all their users from one
        // address; that API has its own rate limit (SessionServerApi:RequestsPerMinute).
        if (_limiter is null || http.GetEndpoint()?.Metadata.GetMetadata<SessionIdHeaderMetadata>() is not null)
        {
            return;
        }

        using var lease = _limiter.AttemptAcquire(ClientAddress.Of(http));
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
            throw new RateLimitedException("Too many new sessions from this client address; retry later.", retryAfter);
        }
    }

    public void Dispose() => _limiter?.Dispose();
}
