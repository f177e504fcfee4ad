using System.Globalization;
using System.Net;

namespace Sessions.Tests.Embedded;

/// <summary>
/// On SIGTERM a frontend with <c>Frontend:DrainDelay</c> turns <c>/readyz</c> false first and keeps serving requests
/// for the delay, then stops: a load balancer takes it out of rotation before it stops listening.
/// </summary>
public sealed class FrontendDrainProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sessions-drain-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task OnSigterm_ReadyzAnswers503FirstWhileRequestsAreStillServed_ThenTheProcessStops()
    {
        var port = TestPorts.Next();
        await using var app = AppProcess.StartDll(BuiltApps.WebFrontendDll,
        [
            "--urls", $"http://127.0.0.1:{port}",
            "--Silo:SqlitePath", Path.Combine(_data, "sessions.db"),
            "--SessionCookie:KeyRingPath", Path.Combine(_data, "keys"),
            "--Silo:SiloPort", TestPorts.Next().ToString(CultureInfo.InvariantCulture),
            "--Cluster:GatewayPort", TestPorts.Next().ToString(CultureInfo.InvariantCulture),
            "--Frontend:DrainDelay", "00:00:04",
            .. ClientWritableTestKeys.Arguments(),
        ]);
        using var client = new SessionClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        await Readiness.WaitForAsync(client.Http, app);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/cart", "kept")).StatusCode);

        await ExternalProcess.RunAsync("kill", ["-TERM", app.Pid.ToString(CultureInfo.InvariantCulture)], ".", TimeSpan.FromSeconds(5));
        await Readiness.WaitForAsync(client.Http, app, HttpStatusCode.ServiceUnavailable, "Stopping");
        var served = await client.GetAsync("/api/session/items/cart");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode); // still serving while not ready
        Assert.Equal("kept", await served.Content.ReadAsStringAsync(Token));
        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
