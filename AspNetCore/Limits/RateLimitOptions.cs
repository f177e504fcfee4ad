using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>Limits per client address and per account. Bound from the <c>RateLimits</c> configuration section.</summary>
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

    /// <summary>Failed logins of one account (known or not) before each further attempt must wait; 0: no backoff.</summary>
    public int FailedLoginsBeforeBackoff { get; set; } = 5;

    /// <summary>The wait after the first failure beyond `FailedLoginsBeforeBackoff`; it doubles with every further failure.</summary>
    public TimeSpan FailedLoginBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between login attempts of one account; a success clears it.</summary>
    public TimeSpan FailedLoginMaxBackoff { get; set; } = TimeSpan.FromMinutes(15);
}
