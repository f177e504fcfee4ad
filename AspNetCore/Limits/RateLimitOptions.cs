using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>Limits per client address (the login throttle per account is <see cref="LoginThrottleOptions"/>). Bound from the <c>RateLimits</c> configuration section.</summary>
/// <remarks>The client address is the connection's, or the <c>X-Forwarded-For</c> one only from <c>Frontend:KnownProxies</c>.</remarks>
[ConfigurationSection(SectionName, ConfigurationReaders.Frontend)]
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>
    /// New sessions one client address may create per minute (per frontend); beyond it 429 with `Retry-After`. 0 (the
    /// default): no limit. Off by default because a limit keyed by address is only as good as the address: behind a
    /// proxy or load balancer not listed in `Frontend:KnownProxies` every visitor has the proxy's address, so the limit
    /// becomes one cap for the whole site that a single client can use up. The silo's `SessionActivation:MaxActiveSessions`
    /// and `MaxActiveSessionBytes` bound memory whatever the addresses, and a session exists only from its first write.
    /// Turn it on (600, say) where the app sees its clients' addresses: directly, or through `Frontend:KnownProxies`.
    /// </summary>
    public int SessionCreationsPerMinute { get; set; }

    /// <summary>Login attempts one client address may make per minute (per frontend); beyond it 429 with `Retry-After`. 0: no limit.</summary>
    public int LoginsPerMinute { get; set; } = 30;
}
