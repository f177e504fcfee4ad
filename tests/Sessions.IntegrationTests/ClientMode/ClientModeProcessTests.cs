using System.Globalization;
using System.Net;

namespace Sessions.Tests.ClientMode;

/// <summary>
/// A standalone Silo and WebFrontends in client mode as real processes, configured through environment variables the
/// way a deployment is: one set of keys for both, deprecated spellings still accepted, and a frontend of another
/// cluster not ready.
/// </summary>
public sealed class ClientModeProcessTests : IDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);
    private readonly string _data = Directory.CreateTempSubdirectory("sessions-client-mode-").FullName;
    private readonly string _serviceId = $"svc-{Guid.NewGuid():N}";
    private readonly int _siloPort = TestPorts.Next();
    private readonly int _gatewayPort = TestPorts.Next();

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task SiloAndFrontend_GivenTheOrleansIdentityKeys_WorkTogether_AndAnotherClusterIdIsNotReady()
    {
        await using var silo = StartSilo(new()
        {
            ["Orleans__ServiceId"] = _serviceId,
            ["Orleans__ClusterId"] = "blue",
            ["Cluster__GatewayPort"] = Text(_gatewayPort),
        });
        await using var frontend = StartFrontend(out var client, new()
        {
            ["Frontend__Mode"] = "Client",
            ["Orleans__ServiceId"] = _serviceId,
            ["Orleans__ClusterId"] = "blue",
            ["Cluster__GatewayPort"] = Text(_gatewayPort),
        });
        var strangerStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var stranger = StartFrontend(out var strangerClient, new()
        {
            ["Frontend__Mode"] = "Client",
            ["Orleans__ServiceId"] = _serviceId,
            ["Orleans__ClusterId"] = "green",
            ["Cluster__GatewayPort"] = Text(_gatewayPort),
        });

        await Readiness.WaitForAsync(client.Http, frontend);
        await AssertRoundTripAsync(client);

        await Readiness.WaitForAsync(strangerClient.Http, stranger, HttpStatusCode.ServiceUnavailable, "Not connected to cluster 'green'");
        var refused = await strangerClient.GetAsync("/api/session/items/cart");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // Said at once, then at most every 30 s: not once a second.
        var mostWarnings = 1 + (int)(System.Diagnostics.Stopwatch.GetElapsedTime(strangerStarted) / TimeSpan.FromSeconds(30));
        Assert.InRange(stranger.CountInOutput("Cannot connect to cluster green of service " + _serviceId), 1, mostWarnings);
        Assert.Equal(0, silo.CountInOutput("Deprecated configuration key") + frontend.CountInOutput("Deprecated configuration key"));
    }

    [Fact]
    public async Task SiloAndFrontend_GivenThePreviousReleasesKeys_WorkTogether_WithOneWarningPerKey()
    {
        await using var silo = StartSilo(new()
        {
            ["Silo__ServiceId"] = _serviceId,
            ["Silo__ClusterId"] = "blue",
            ["Silo__GatewayPort"] = Text(_gatewayPort),
        });
        await using var frontend = StartFrontend(out var client, new()
        {
            ["Frontend__Mode"] = "Client",
            ["Frontend__ServiceId"] = _serviceId,
            ["Frontend__ClusterId"] = "blue",
            ["Frontend__GatewayPort"] = Text(_gatewayPort),
        });

        await Readiness.WaitForAsync(client.Http, frontend);
        await AssertRoundTripAsync(client);

        foreach (var key in new[] { "Silo:ServiceId", "Silo:ClusterId", "Silo:GatewayPort" })
        {
            Assert.Equal(1, silo.CountInOutput($"Deprecated configuration key {key}:"));
        }

        foreach (var key in new[] { "Frontend:ServiceId", "Frontend:ClusterId", "Frontend:GatewayPort" })
        {
            Assert.Equal(1, frontend.CountInOutput($"Deprecated configuration key {key}:"));
        }
    }

    private static async Task AssertRoundTripAsync(SessionClient client)
    {
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/cart", "2 items")).StatusCode);
        var read = await client.GetAsync("/api/session/items/cart");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("2 items", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private AppProcess StartSilo(Dictionary<string, string> environment)
    {
        environment["Silo__SiloPort"] = Text(_siloPort);
        environment["Silo__SqlitePath"] = Path.Combine(_data, "sessions.db");
        return AppProcess.StartDll(BuiltApps.SiloDll, [], environment);
    }

    private AppProcess StartFrontend(out SessionClient client, Dictionary<string, string> environment)
    {
        var port = TestPorts.Next();
        environment["SessionCookie__KeyRingPath"] = Path.Combine(_data, "keys");
        foreach (var (key, value) in ClientWritableTestKeys.Pairs("__"))
        {
            environment[key] = value;
        }

        client = new SessionClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        return AppProcess.StartDll(BuiltApps.WebFrontendDll, ["--urls", $"http://127.0.0.1:{port}"], environment);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
