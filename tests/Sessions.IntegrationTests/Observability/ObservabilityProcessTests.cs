using System.Globalization;
using System.Net;

namespace Sessions.Tests.Observability;

/// <summary>
/// Real processes: the Orleans Dashboard switched on is for admins only; a standalone Silo serves its own metrics
/// (client mode) at the configured prefix.
/// </summary>
public sealed class ObservabilityProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sessions-observability-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task TheOrleansDashboard_SwitchedOn_OpensForAnAdminOnly()
    {
        var port = TestPorts.Next();
        await using var app = AppProcess.StartDll(BuiltApps.WebFrontendDll,
        [
            "--urls", $"http://127.0.0.1:{port}",
            "--Silo:SqlitePath", Path.Combine(_data, "sessions.db"),
            "--SessionCookie:KeyRingPath", Path.Combine(_data, "keys"),
            "--Silo:SiloPort", Text(TestPorts.Next()),
            "--Cluster:GatewayPort", Text(TestPorts.Next()),
            "--Observability:OrleansDashboard", "true",
            .. TestUsers.Arguments(TestUsers.DemoLike),
        ]);
        var address = new Uri($"http://127.0.0.1:{port}");
        using var anonymous = new SessionClient(new HttpClient { BaseAddress = address });
        using var user = new SessionClient(new HttpClient { BaseAddress = address });
        using var admin = new SessionClient(new HttpClient { BaseAddress = address });
        await Readiness.WaitForAsync(anonymous.Http, app);
        Assert.Equal(HttpStatusCode.OK, (await user.LoginAsync("alice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.LoginAsync("admin")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/orleans-dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/orleans-dashboard/")).StatusCode);
        var opened = await admin.GetAsync("/orleans-dashboard/");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("text/html", opened.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AStandaloneSilo_ServesItsSessionAndOrleansMetrics_AtTheConfiguredPrefix()
    {
        var (siloPort, gatewayPort, metricsPort, frontendPort) = (TestPorts.Next(), TestPorts.Next(), TestPorts.Next(), TestPorts.Next());
        var identity = new Dictionary<string, string>
        {
            ["Orleans__ServiceId"] = $"svc-{Guid.NewGuid():N}",
            ["Orleans__ClusterId"] = "metrics",
            ["Cluster__GatewayPort"] = Text(gatewayPort),
        };
        await using var silo = AppProcess.StartDll(BuiltApps.SiloDll, [], new Dictionary<string, string>(identity)
        {
            ["Silo__SiloPort"] = Text(siloPort),
            ["Silo__SqlitePath"] = Path.Combine(_data, "sessions.db"),
            ["Observability__SiloMetricsPort"] = Text(metricsPort),
            ["Observability__SiloMetricsHost"] = "127.0.0.1",
        });
        await using var frontend = AppProcess.StartDll(BuiltApps.WebFrontendDll, ["--urls", $"http://127.0.0.1:{frontendPort}", .. ClientWritableTestKeys.Arguments()],
            new Dictionary<string, string>(identity)
            {
                ["Frontend__Mode"] = "Client",
                ["SessionCookie__KeyRingPath"] = Path.Combine(_data, "keys"),
                ["RateLimits__SessionCreationsPerMinute"] = "0",
            });
        using var client = new SessionClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{frontendPort}") });
        await Readiness.WaitForAsync(client.Http, frontend);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/cart", "1 book")).StatusCode);

        using var scraper = new HttpClient();
        var metrics = await scraper.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics", Token);

        Assert.Contains("sessions_created_total", metrics, StringComparison.Ordinal); // the session grain ran in the silo
        Assert.Contains("orleans_", metrics, StringComparison.Ordinal);
        Assert.False(silo.HasExited);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
