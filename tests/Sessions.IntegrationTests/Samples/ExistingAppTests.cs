using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace Sessions.Tests.Samples;

/// <summary>
/// samples/ExistingApp, an app of someone else's shape built from the .nupkg files only, as real processes: its
/// <c>HttpContext.Session</c> in embedded mode across a restart, and as a client of a standalone silo with two
/// instances behind no sticky routing; outside Development it needs a secret; a limit answers 429 problem+json.
/// </summary>
public sealed class ExistingAppTests(ExistingAppPackages packages) : IClassFixture<ExistingAppPackages>
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);
    private readonly string _secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task Embedded_WritesAndReadsTheSession_AndARestartKeepsIt()
    {
        var contentRoot = packages.NewContentRoot();
        var port = TestPorts.Next();
        using var client = new SessionClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        await using (var app = await StartReadyAsync(contentRoot, port, client.Http, Embedded()))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/cart/apple")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/cart/pear")).StatusCode);
            Assert.Equal("apple,pear", await ReadCartAsync(client));
            await app.StopAsync(StopLimit);
        }

        await using var restarted = await StartReadyAsync(contentRoot, port, client.Http, Embedded());
        Assert.Equal("apple,pear", await ReadCartAsync(client));
    }

    [Fact]
    public async Task ClientOfAStandaloneSilo_TwoInstances_AWriteThroughOneIsReadThroughTheOther()
    {
        var gatewayPort = TestPorts.Next();
        var cluster = new Dictionary<string, string>
        {
            ["Orleans__ServiceId"] = $"svc-{Guid.NewGuid():N}",
            ["Cluster__GatewayPort"] = Text(gatewayPort),
        };
        var siloRoot = packages.NewContentRoot();
        await using var silo = AppProcess.StartDll(BuiltApps.SiloDll, [], new Dictionary<string, string>(cluster)
        {
            ["Silo__SiloPort"] = Text(TestPorts.Next()),
            ["Silo__SqlitePath"] = Path.Combine(siloRoot, "sessions.db"),
        });
        var client = new Dictionary<string, string>(cluster) { ["Frontend__Mode"] = "Client" };
        var (portA, portB) = (TestPorts.Next(), TestPorts.Next());
        using var viaA = new SessionClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{portA}") });
        using var viaB = new SessionClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{portB}") });
        await using var appA = await StartReadyAsync(packages.NewContentRoot(), portA, viaA.Http, client);
        await using var appB = await StartReadyAsync(packages.NewContentRoot(), portB, viaB.Http, client);

        Assert.Equal(HttpStatusCode.NoContent, (await viaA.PostAsync("/cart/apple")).StatusCode);
        viaB.Cookie = viaA.Cookie; // one browser, its requests spread over both instances
        Assert.Equal("apple", await ReadCartAsync(viaB));
        Assert.Equal(HttpStatusCode.NoContent, (await viaB.PostAsync("/cart/pear")).StatusCode);
        Assert.Equal("apple,pear", await ReadCartAsync(viaA));
    }

    [Fact]
    public async Task OutsideDevelopment_WithoutASecret_ExitsAtStart_WithOneLineNamingTheKey()
    {
        var settings = Embedded();
        settings.Remove("SessionGrainKey__Secret");
        await using var app = Start(packages.NewContentRoot(), TestPorts.Next(), settings);

        Assert.Equal(1, await app.WaitForExitAsync(Readiness.StartLimit));
        var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("ExistingApp:", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Contains("SessionGrainKey:Secret", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", app.Output, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task SessionCreationLimit_AnswersTooManyRequests_AsProblemJson_WithRetryAfter()
    {
        var port = TestPorts.Next();
        using var first = new SessionClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        using var second = new SessionClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        await using var app = await StartReadyAsync(packages.NewContentRoot(), port, first.Http,
            new Dictionary<string, string>(Embedded()) { ["RateLimits__SessionCreationsPerMinute"] = "1" });

        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync("/cart/apple")).StatusCode);
        var refused = await second.PostAsync("/cart/apple");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After: " + refused.Headers.RetryAfter);
        Assert.Null(second.Cookie); // no session was created for the refused client
    }

    private Dictionary<string, string> Embedded() => new()
    {
        ["SessionGrainKey__Secret"] = _secret,
        ["Silo__SiloPort"] = Text(TestPorts.Next()),
        ["Cluster__GatewayPort"] = Text(TestPorts.Next()),
    };

    private async Task<AppProcess> StartReadyAsync(string contentRoot, int port, HttpClient http, IReadOnlyDictionary<string, string> settings)
    {
        var app = Start(contentRoot, port, new Dictionary<string, string>(settings) { ["SessionGrainKey__Secret"] = _secret });
        await Readiness.WaitForAsync(http, app);
        return app;
    }

    private AppProcess Start(string contentRoot, int port, IReadOnlyDictionary<string, string> settings) =>
        AppProcess.StartDll(packages.AppDll, ["--contentRoot", contentRoot, "--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string>(settings) { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

    private static async Task<string> ReadCartAsync(SessionClient client)
    {
        var response = await client.GetAsync("/cart");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
