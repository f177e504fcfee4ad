using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Sessions.AspNetCore;

/// <summary>
/// The server API's own ASP.NET Core rate-limiter policy: a fixed window of a minute per client address (the calling
/// frontend), <c>SessionServerApi:RequestsPerMinute</c>. It counts before the token check, so guessing tokens is limited
/// too, and answers 429 problem+json with <c>Retry-After</c> itself, whatever the app's global rejection handler does.
/// </summary>
internal sealed class SessionServerRateLimitPolicy(int requestsPerMinute, ILogger logger) : IRateLimiterPolicy<string>
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        logger.RateLimited("server API", ClientAddress.Of(http));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = RetryAfter.Seconds(wait);
        await TypedResults.Problem(
            "Too many requests to the server session API from this address; retry later.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(http);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => requestsPerMinute == 0
        ? RateLimitPartition.GetNoLimiter(string.Empty)
        : RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = requestsPerMinute,
            Window = Window,
            QueueLimit = 0,
        });
}
