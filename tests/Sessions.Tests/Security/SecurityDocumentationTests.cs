using System.Globalization;
using Sessions.WebFrontend.Auth;

namespace Sessions.Tests.Security;

/// <summary>docs/security.md states the lifetimes and limits the code has (ASVS 5.0 V7.1.1, V7.1.2).</summary>
public sealed class SecurityDocumentationTests
{
    private static readonly string DocumentPath = Path.Combine(BuiltApps.RepositoryRoot, "docs", "security.md");

    [Fact]
    public void V7_1_1_DocumentedDefaults_AreTheConfiguredOnes()
    {
        var document = File.ReadAllText(DocumentPath);
        var expiry = new SessionExpiryOptions();
        var auth = new AuthOptions();
        var activation = new SessionActivationOptions();
        var limits = new RateLimitOptions();
        var throttle = new LoginThrottleOptions();
        var signals = new SessionIdSignalsOptions();
        var defaults = new (string Key, object Value)[]
        {
            ("SessionExpiry:IdleTimeout", expiry.IdleTimeout),
            ("SessionExpiry:MaxIdleTimeout", expiry.MaxIdleTimeout),
            ("SessionExpiry:AbsoluteLifetime", expiry.AbsoluteLifetime),
            ("Auth:RenewalInterval", auth.RenewalInterval),
            ("Auth:RenewalGrace", auth.RenewalGrace),
            ("Auth:MaxSessionsPerUser", auth.MaxSessionsPerUser),
            ("SessionActivation:MaxActiveSessions", activation.MaxActiveSessions),
            ("SessionActivation:MaxActiveSessionBytes", activation.MaxActiveSessionBytes),
            ("RateLimits:SessionCreationsPerMinute", limits.SessionCreationsPerMinute),
            ("RateLimits:LoginsPerMinute", limits.LoginsPerMinute),
            ("LoginThrottle:AddressBurst", throttle.AddressBurst),
            ("LoginThrottle:AccountBurst", throttle.AccountBurst),
            ("Auth:FreshAuthenticationWindow", auth.FreshAuthenticationWindow),
            ("Auth:PrincipalRevalidationInterval", auth.PrincipalRevalidationInterval),
            ("SessionIdSignals:RememberDeadIdsFor", signals.RememberDeadIdsFor),
            ("SessionIdSignals:DeadIdsPerMinutePerAddress", signals.DeadIdsPerMinutePerAddress),
        };

        var missing = defaults.Select(d => $"| `{d.Key}` | `{Format(d.Value)}` |").Where(row => !document.Contains(row, StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"docs/security.md lacks (or states other defaults than) {string.Join(", ", missing)}");
    }

    private static string Format(object value) =>
        value is TimeSpan span ? span.ToString("c", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
