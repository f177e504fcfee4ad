using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.WebFrontend.Hosting;

namespace Sessions.Tests.Configuration;

/// <summary>
/// For every options class, an invalid value stops the start of the whole system (the embedded WebFrontend: frontend
/// and co-hosted silo) with a message that names the key.
/// </summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, string, string> InvalidValues() => new()
    {
        { "SessionExpiry:IdleTimeout", "soon", "SessionExpiry:IdleTimeout 'soon' is not a time span" },
        { "SessionExpiry:LastAccessPersistFraction", "2", "SessionExpiry:LastAccessPersistFraction must be more than 0 and at most 1." },
        { "SessionExpiry:MinIdleTimeout", "00:00:00", "SessionExpiry:MinIdleTimeout must be positive." },
        { "SessionExpiry:MaxIdleTimeout", "00:00:00.500", "SessionExpiry:MaxIdleTimeout (00:00:00.5000000) must be at least SessionExpiry:MinIdleTimeout (00:00:01)." },
        { "SessionPersistence:WriteMode", "Sometimes", "SessionPersistence:WriteMode 'Sometimes' is not one of WriteThrough, WriteBehind." },
        { "SessionPurge:BatchSize", "0", "SessionPurge:BatchSize must be positive." },
        { "SessionActivation:IdleDeactivation", "00:00:01", "SessionActivation:IdleDeactivation must be at least 00:00:02." },
        { "SessionLimits:MaxKeys", "-1", "SessionLimits:MaxKeys must be positive." },
        { "Silo:Storage", "Redis", "Silo:Storage 'Redis' is not one of Memory, Sqlite, PostgreSql." },
        { "Silo:StorageEngine", "OrleansAdoNet", SiloHostingOptionsValidator.RetiredEngineMessage },
        { "Silo:FailureDetection:NumMissedProbesLimit", "0", "Silo:FailureDetection:NumMissedProbesLimit must be between 1 and 100." },
        { "Cluster:GatewayPort", "70000", "Cluster:GatewayPort must be between 1 and 65535." },
        { "ConnectionStrings:Sessions", "Host=db;NoSuchKeyword=1", "ConnectionStrings:Sessions is not a valid Npgsql connection string" },
        { "Orleans:ClusterId", "two words", "Orleans:ClusterId must be at most 150 characters without spaces or control characters." },
        { "Frontend:Mode", "Remote", "Frontend:Mode 'Remote' is not one of Embedded, Client." },
        { "SessionCookie:Name", "my cookie", "SessionCookie:Name must be letters, digits, '-', '_' and '.'." },
        { "SessionCookie:SameSite", "None", "SessionCookie:SameSite=None sends the session cookie with every cross-site request: set SessionCookie:AllowSameSiteNone=true" },
        { "SessionCookie:HeaderName", "Cookie", "SessionCookie:HeaderName must be empty (cookie) or a header name" },
        { "CrossSite:TrustedOrigins:0", "https://app.example/path", "CrossSite:TrustedOrigins:0 'https://app.example/path' must be an origin" },
        { "SessionApi:ClientWritableKeys:0", "my key", "SessionApi:ClientWritableKeys:0 must be a key the REST API can address" },
        { "SessionServerApi:Tokens:0", "too-short", "SessionServerApi:Tokens:0 must be at least 32 printable ASCII characters without spaces." },
        { "Session:IOTimeout", "-00:00:01", "Session:IOTimeout must be positive." },
        { "Session:IdleTimeout", "00:00:00", "Session:IdleTimeout must be positive (or unset: the silo's SessionExpiry:IdleTimeout); it is 00:00:00." },
        { "Session:CallAttemptTimeout", "-00:00:01", "Session:CallAttemptTimeout must not be negative (00:00:00: off); it is -00:00:01." },
        { "SessionGrainKey:Secret", "c2hvcnQ=", "SessionGrainKey:Secret must be base64 of at least 32 bytes." },
        { "SessionGrainKey:PreviousSecrets:0", "c2hvcnQ=", "SessionGrainKey:PreviousSecrets:0 must be base64 of at least 32 bytes." },
        { "Auth:RenewalGrace", "00:20:00", "Auth:RenewalGrace must be zero or more and shorter than Auth:RenewalInterval." },
        { "Auth:MaxSessionsPerUser", "0", "Auth:MaxSessionsPerUser must be at least 1." },
        { "Auth:FreshAuthenticationWindow", "00:00:00", "Auth:FreshAuthenticationWindow must be at least one second." },
        { "Auth:PrincipalRevalidationInterval", "00:00:00", "Auth:PrincipalRevalidationInterval must be at least one second." },
        { "Auth:EpochStaleAfter", "00:00:10", "Auth:EpochStaleAfter must be longer than Auth:EpochRefreshInterval." },
        { "Auth:Users:ann:Roles:0", "user", "Auth:Users:ann:PasswordHash is required." },
        { "Auth:Users:ann:PasswordHash", "plain-text-password", "Auth:Users:ann:PasswordHash is not an ASP.NET Core PasswordHasher hash" },
        { "Auth:DemoUsers", "true", "Auth:DemoUsers is on in the Production environment, but the demo users' password is published" },
        { "RateLimits:LoginsPerMinute", "-1", "RateLimits:LoginsPerMinute must be 0 (no limit) or more." },
        { "SessionIdSignals:DeadIdsPerMinutePerAddress", "-1", "SessionIdSignals:DeadIdsPerMinutePerAddress must be 0 (no limit) or more." },
        { "LoginThrottle:AddressBurst", "0", "LoginThrottle:AddressBurst must be at least 1." },
        { "LoginThrottle:IPv6PrefixLength", "129", "LoginThrottle:IPv6PrefixLength must be between 1 and 128." },
        { "ReadLeases:Duration", "00:01:00", "ReadLeases:Duration must be between 00:00:00.1 and 00:00:30" },
        { "ReadLeases:CacheSizeBytes", "1000", "ReadLeases:CacheSizeBytes must be at least 1 MiB (1048576)." },
        { "SessionActivation:MaxActiveSessions", "0", "SessionActivation:MaxActiveSessions must be at least 1." },
        { "SessionActivation:RebalancingCycleWeight", "1.5", "SessionActivation:RebalancingCycleWeight must be in (0, 1]; it is 1.5." },
        { "Frontend:KnownProxies:0", "proxy.local", "Frontend:KnownProxies: 'proxy.local' is not an IP address." },
        { "Analytics:EventBatchSize", "0", "Analytics:EventBatchSize must be between 1 and 10000." },
        { "Observability:OrleansDashboardPath", "dashboard", "Observability:OrleansDashboardPath 'dashboard' must start with '/' and not end with it." },
        { "ClusterTls:Enabled", "true", "ClusterTls:CertificatePath must be set when ClusterTls:Enabled is true." },
        { "KeyEncryption:KeyPath", "no-such-key-file", "KeyEncryption:KeyPath names a file that does not exist." },
    };

    [Fact]
    public void EveryOptionsClass_HasAnInvalidValueCase()
    {
        var covered = InvalidValues().Select(row => ((ITheoryDataRow)row).GetData()[0]!.ToString()!.Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        var sections = ConfigurationTable.OptionsClasses.Select(t => ConfigurationTable.Section(t).Name).Append("Orleans");

        var uncovered = sections.Where(s => !covered.Contains(s)).ToList();
        Assert.True(uncovered.Count == 0, $"No invalid-value case for: {string.Join(", ", uncovered)}");
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task InvalidValue_StopsTheStart_NamingTheKey(string key, string value, string expected)
    {
        var contentRoot = Directory.CreateTempSubdirectory("sessions-options-").FullName;
        try
        {
            var failure = await StartFailureAsync(contentRoot, $"--{key}={value}");

            Assert.Contains(expected, failure, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    /// <summary>The message a failed start reports (as both programs print it), or a test failure when it started.</summary>
    private static async Task<string> StartFailureAsync(string contentRoot, string argument)
    {
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                EnvironmentName = Environments.Production,
                ContentRootPath = contentRoot,
                Args = [argument, "--urls=http://127.0.0.1:0"],
            });
            builder.AddSessionsCluster();
            builder.AddSessionFrontend();
            await using var app = builder.Build();
            await app.StartAsync(TestContext.Current.CancellationToken);
            await app.StopAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception exception) when (StartupFailure.Describe(exception) is { } message)
        {
            return message;
        }

        Assert.Fail($"The system started with {argument}.");
        return "";
    }
}
