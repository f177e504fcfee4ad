using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Configuration;

/// <summary>The keys of the previous release keep working, as their new keys, with one warning each at start.</summary>
public sealed class DeprecatedConfigurationKeysTests
{
    private const int DeprecatedKeyEventId = 2004;
    private const int RetiredKeyEventId = 2007;

    public static TheoryData<string, string> Renames()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in DeprecatedConfigurationKey.All)
        {
            data.Add(key.OldKey, key.NewKey);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Renames))]
    public void OldAndNewSpelling_BindTheSameValue(string oldKey, string newKey)
    {
        var value = SampleValue(newKey);

        Assert.Equal(value, BoundValue(newKey, new() { [oldKey] = value }));
        Assert.Equal(value, BoundValue(newKey, new() { [newKey] = value }));
    }

    [Fact]
    public void OldKeyFromEnvironment_BeatsNewKeyFromAppSettings()
    {
        var (uses, values) = Resolve(
            new() { ["Orleans:ClusterId"] = "from-appsettings" },
            new() { ["Silo:ClusterId"] = "from-environment" });

        Assert.Equal("from-environment", values["Orleans:ClusterId"]);
        Assert.True(Assert.Single(uses).Applied);
    }

    [Fact]
    public void NewKeyInTheSameOrALaterSource_Wins_AndTheOldKeyIsReportedIgnored()
    {
        var (uses, values) = Resolve(
            new() { ["Silo:ClusterId"] = "old" },
            new() { ["Orleans:ClusterId"] = "new", ["Frontend:ClusterId"] = "old too" });

        Assert.Empty(values);
        Assert.Equal(["Orleans:ClusterId", "Orleans:ClusterId"], uses.Select(u => u.OverriddenBy));
        Assert.Contains("ignored", uses[0].Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoOldKeysForOneNewKey_TheLaterSourceWins()
    {
        var (uses, values) = Resolve(
            new() { ["Frontend:GatewayPort"] = "31000" },
            new() { ["Silo:GatewayPort"] = "32000" });

        Assert.Equal("32000", values["Cluster:GatewayPort"]);
        var ignored = Assert.Single(uses, u => !u.Applied);
        Assert.Equal("Frontend:GatewayPort", ignored.Key.OldKey);
        Assert.Equal("Silo:GatewayPort", ignored.OverriddenBy);
    }

    [Fact]
    public async Task EachDeprecatedKey_IsWarnedAboutOnceAtStart_EvenWhenTheModelIsAskedForTwice()
    {
        var recorder = new LogRecorder();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:ServiceId"] = "svc",
            ["Frontend:PostgresConnectionString"] = "Host=db.example;Username=u",
            ["Frontend:GatewayPort"] = "31000",
        });
        builder.Logging.AddProvider(recorder);
        builder.AddSessionsConfiguration();
        builder.AddSessionsConfiguration(); // the silo and the frontend both ask in embedded mode
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        var warned = recorder.Values(DeprecatedKeyEventId).Select(v => (string)v["OldKey"]!).Order(StringComparer.Ordinal);
        Assert.Equal(["Frontend:GatewayPort", "Frontend:PostgresConnectionString", "Silo:ServiceId"], warned);
        Assert.All(recorder.Entries.Where(e => e.EventId == DeprecatedKeyEventId), e => Assert.Equal(LogLevel.Warning, e.Level));
    }

    [Fact]
    public async Task ARetiredKeyThatIsSet_IsWarnedAboutAtStart_NamingWhatReplacedIt()
    {
        var recorder = new LogRecorder();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimits:FailedLoginsBeforeBackoff"] = "3" });
        builder.Logging.AddProvider(recorder);
        builder.AddSessionsConfiguration();
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        var warned = Assert.Single(recorder.Entries, e => e.EventId == RetiredKeyEventId);
        Assert.Equal(LogLevel.Warning, warned.Level);
        Assert.Equal("RateLimits:FailedLoginsBeforeBackoff", recorder.Values(RetiredKeyEventId).Single()["Key"]);
        Assert.Contains("LoginThrottle:AddressBurst", warned.Message, StringComparison.Ordinal);
    }

    private static (IReadOnlyList<DeprecatedConfigurationKeyUse> Uses, IReadOnlyDictionary<string, string?> Values) Resolve(
        Dictionary<string, string?> appSettings, Dictionary<string, string?> environment) =>
        DeprecatedConfigurationKeys.Resolve(new ConfigurationBuilder().AddInMemoryCollection(appSettings).AddInMemoryCollection(environment).Build());

    private static string SampleValue(string newKey) => newKey switch
    {
        "Orleans:ServiceId" => "service-from-test",
        "Orleans:ClusterId" => "cluster-from-test",
        "ConnectionStrings:Sessions" => "Host=sessions.example;Username=sessions",
        "ConnectionStrings:SessionsKeyRing" => "Host=keys.example;Username=keys",
        "Cluster:Membership" => nameof(ClusterMembership.AdoNet),
        "Cluster:GatewayPort" => "31234",
        _ => throw new ArgumentOutOfRangeException(nameof(newKey), newKey, "No sample value for this key."),
    };

    /// <summary>The value the options model binds for <paramref name="newKey"/> from these settings.</summary>
    private static string? BoundValue(string newKey, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Sessions"] = "Host=base.example;Username=u" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSessionsConfiguration();
        builder.UseOrleansClient(client => client.UseLocalhostClustering()); // Orleans binds its own keys
        return newKey switch
        {
            "Orleans:ServiceId" => builder.GetValidatedOptions<ClusterOptions>().ServiceId,
            "Orleans:ClusterId" => builder.GetValidatedOptions<ClusterOptions>().ClusterId,
            "ConnectionStrings:Sessions" => builder.GetValidatedOptions<SessionsConnectionStrings>().Sessions,
            "ConnectionStrings:SessionsKeyRing" => builder.GetValidatedOptions<SessionsConnectionStrings>().SessionsKeyRing,
            "Cluster:Membership" => builder.GetValidatedOptions<SessionsClusterOptions>().Membership.ToString(),
            "Cluster:GatewayPort" => builder.GetValidatedOptions<SessionsClusterOptions>().GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(newKey), newKey, "No reader for this key."),
        };
    }
}
