using Sessions.Configuration;

namespace Sessions.Configuration;

/// <summary>Login, ID renewal and per-user limits. Bound from the <c>Auth</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Silo | ConfigurationReaders.Frontend)]
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>A signed-in session gets a new ID this often, transparently on a request that loads it (OWASP renewal timeout).</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public TimeSpan RenewalInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>After a renewal the old ID keeps working this long (requests in flight, other tabs); any later use of it is treated as replay and ends the session.</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public TimeSpan RenewalGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a signed-in session's user and roles are checked against the app's source of truth (`ISessionPrincipalValidator`; the demo reads `Auth:Users`), on a request that loads the session: a removed role or user takes effect within this time. One check per session per interval, however many requests race.</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public TimeSpan PrincipalRevalidationInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most live sessions of one user; a login beyond it ends that user's oldest session (by creation time).</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public int MaxSessionsPerUser { get; set; } = 10;

    /// <summary>How often a silo re-reads the deployment's end-all generation (`DELETE /api/admin/sessions`). The call reaches every active silo at once; this catches silos that missed it and joined later.</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public TimeSpan EpochRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A silo that has not read the end-all epoch for this long refuses (503) signed-in sessions it can no longer vouch for, instead of serving sessions an end-all may have ended. Longer than `EpochRefreshInterval`, and than the storage outages the silo should ride out.</summary>
    [ReadBy(ConfigurationReaders.Silo)]
    public TimeSpan EpochStaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How recent a sign-in must be for actions that need fresh authentication (`RequireFreshAuthentication()`: ending sessions, administration); an older one answers 401 problem+json and the user signs in again.</summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public TimeSpan FreshAuthenticationWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Add the demo users `alice`, `bob` (role `user`) and `admin` (role `admin`), password `sessions-demo`. Unset: on in the Development environment only; `true` in any other environment refuses to start (the password is published).</summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public bool? DemoUsers { get; set; }

    /// <summary>Users of the configured user store, by user name: `PasswordHash` (ASP.NET Core `PasswordHasher` format version 3, at least 100,000 iterations, checked at start), `Roles` (list) and optionally `UserId` (defaults to the user name).</summary>
    [ReadBy(ConfigurationReaders.Frontend)]
    public Dictionary<string, ConfiguredUser> Users { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
