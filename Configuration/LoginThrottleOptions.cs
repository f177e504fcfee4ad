namespace Sessions.Configuration;

/// <summary>
/// The cluster-shared login throttle: budgets of password checks per account, kept by one grain per account (its key a
/// keyed hash of the account name) and shared by every frontend. Bound from the <c>LoginThrottle</c> configuration section.
/// </summary>
/// <remarks>
/// With the defaults a guessing attacker gets at most <c>AccountBurst + AccountAttemptsPerHour</c> (120) checks of one
/// account in any hour from addresses that have not signed in to it, plus <c>AddressBurst + AddressAttemptsPerHour</c>
/// (15) from each of at most <c>MaxTrustedPrefixes</c> (4) address prefixes that have: 180 an hour across the cluster.
/// docs/login-and-users.md states the guarantee and its limits.
/// </remarks>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo | ConfigurationReaders.Frontend)]
public sealed class LoginThrottleOptions
{
    public const string SectionName = "LoginThrottle";

    /// <summary>Password checks one address prefix may make on one account at once; a wrong password uses one up, a correct one gives them all back.</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public int AddressBurst { get; set; } = 5;

    /// <summary>Checks that come back per hour to one address prefix on one account (evenly: 10 is one every 6 minutes).</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public int AddressAttemptsPerHour { get; set; } = 10;

    /// <summary>Checks of one account all address prefixes together may make at once, except prefixes that signed in to it recently.</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public int AccountBurst { get; set; } = 20;

    /// <summary>Checks that come back per hour to the account-wide budget; with `AccountBurst` it bounds the guesses per account and hour across the cluster.</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public int AccountAttemptsPerHour { get; set; } = 100;

    /// <summary>Address prefixes tracked per account; beyond it the one used longest ago is forgotten (the account-wide budget still holds).</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public int MaxTrackedPrefixes { get; set; } = 32;

    /// <summary>Address prefixes per account remembered as having signed in (the newest); they bypass the account-wide budget, so an attacker elsewhere cannot lock the owner out there.</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public int MaxTrustedPrefixes { get; set; } = 4;

    /// <summary>An account's throttle grain leaves memory after this long without attempts, and its counts with it: at least as long as the account-wide budget takes to refill, so leaving gives an attacker nothing.</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Leading bits of an IPv4 address that make its prefix (32: each address on its own).</summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public int IPv4PrefixLength { get; set; } = 32;

    /// <summary>Leading bits of an IPv6 address that make its prefix (64: one subnet, which one customer usually holds whole). IPv4-mapped IPv6 addresses count as IPv4.</summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public int IPv6PrefixLength { get; set; } = 64;

    /// <summary>Shortest time between two log lines about throttled logins from one address prefix (per frontend); every throttled login is counted (`sessions.frontend.logins_throttled`).</summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public TimeSpan LogInterval { get; set; } = TimeSpan.FromMinutes(1);
}
