namespace Sessions.Configuration;

/// <summary>A configuration key of an earlier build that is no longer read, and what took its place.</summary>
/// <param name="Key">The key as it was spelled, e.g. <c>RateLimits:FailedLoginsBeforeBackoff</c>.</param>
/// <param name="Instead">What to set instead, said in the start's warning.</param>
internal sealed record RetiredConfigurationKey(string Key, string Instead)
{
    private const string LoginThrottle =
        "the login throttle shared by the cluster replaced the per-frontend backoff: see LoginThrottle:AddressBurst, "
        + "AddressAttemptsPerHour, AccountBurst and AccountAttemptsPerHour (docs/login-and-users.md#login-throttling)";

    /// <summary>Every retired key; a start that finds one set warns (a setting an operator made silently ignored would be worse).</summary>
    public static IReadOnlyList<RetiredConfigurationKey> All { get; } =
    [
        new("RateLimits:FailedLoginsBeforeBackoff", LoginThrottle),
        new("RateLimits:FailedLoginBackoff", LoginThrottle),
        new("RateLimits:FailedLoginMaxBackoff", LoginThrottle),
    ];

    /// <summary>The retired keys <paramref name="configuration"/> sets.</summary>
    public static IReadOnlyList<RetiredConfigurationKey> SetIn(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        All.Where(retired => configuration[retired.Key] is not null).ToList();
}
