namespace Sessions.AspNetCore;

/// <summary>A client went over a rate limit: answered 429 with <c>Retry-After</c>.</summary>
public sealed class RateLimitedException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
