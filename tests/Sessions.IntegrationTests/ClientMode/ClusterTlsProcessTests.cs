using System.Globalization;
using System.Net;

namespace Sessions.Tests.ClientMode;

/// <summary>
/// Mutual TLS between a standalone Silo and client-mode WebFrontends as real processes: the gateway serves only a
/// client presenting a certificate of the cluster's CA.
/// </summary>
public sealed class ClusterTlsProcessTests : IDisposable
{
    private static readonly TimeSpan RefusalLimit = TimeSpan.FromSeconds(30);
    private readonly string _data = Directory.CreateTempSubdirectory("sessions-cluster-tls-").FullName;
    private readonly string _serviceId = $"svc-{Guid.NewGuid():N}";
    private readonly int _gatewayPort = TestPorts.Next();

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task FrontendWithoutTheClusterCertificateCannotCallASilo()
    {
        var cluster = new TestCertificateAuthority(_data, "cluster");
        var stranger = new TestCertificateAuthority(_data, "stranger");
        await using var silo = AppProcess.StartDll(BuiltApps.SiloDll, [], new Dictionary<string, string>(Tls(cluster.Issue("silo"), cluster.CertificatePath))
        {
            ["Orleans__ServiceId"] = _serviceId,
            ["Cluster__GatewayPort"] = Text(_gatewayPort),
            ["Silo__SiloPort"] = Text(TestPorts.Next()),
            ["Silo__SqlitePath"] = Path.Combine(_data, "sessions.db"),
        });
        await using var member = StartFrontend(out var memberClient, Tls(cluster.Issue("frontend"), cluster.CertificatePath));
        // Trusts the cluster's CA, so only the silo's check of its certificate can refuse it.
        await using var foreign = StartFrontend(out var foreignClient, Tls(stranger.Issue("foreign"), cluster.CertificatePath));
        await using var plain = StartFrontend(out var plainClient, new Dictionary<string, string>());

        await Readiness.WaitForAsync(memberClient.Http, member);
        Assert.Equal(HttpStatusCode.NoContent, (await memberClient.PutTextAsync("/api/session/items/cart", "2 items")).StatusCode);
        var read = await memberClient.GetAsync("/api/session/items/cart");
        Assert.Equal("2 items", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        foreach (var (refused, client) in new[] { (foreign, foreignClient), (plain, plainClient) })
        {
            Assert.True(
                await refused.WaitForOutputAsync("Cannot connect to cluster", RefusalLimit),
                "The frontend was not refused:\n" + refused.Output);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/api/session/items/cart")).StatusCode);
            Assert.Equal(0, refused.CountInOutput("Connected to cluster"));
        }
    }

    private AppProcess StartFrontend(out SessionClient client, Dictionary<string, string> environment)
    {
        var port = TestPorts.Next();
        environment["Frontend__Mode"] = "Client";
        environment["Orleans__ServiceId"] = _serviceId;
        environment["Cluster__GatewayPort"] = Text(_gatewayPort);
        environment["SessionCookie__KeyRingPath"] = Path.Combine(_data, "keys");
        foreach (var (key, value) in ClientWritableTestKeys.Pairs("__"))
        {
            environment[key] = value;
        }

        client = new SessionClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        return AppProcess.StartDll(BuiltApps.WebFrontendDll, ["--urls", $"http://127.0.0.1:{port}"], environment);
    }

    private static Dictionary<string, string> Tls(string certificatePath, string caPath) => new()
    {
        ["ClusterTls__Enabled"] = "true",
        ["ClusterTls__CertificatePath"] = certificatePath,
        ["ClusterTls__CaCertificatePath"] = caPath,
    };

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
