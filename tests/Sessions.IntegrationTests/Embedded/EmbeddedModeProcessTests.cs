using System.Globalization;
using System.Net;

namespace Sessions.Tests.Embedded;

/// <summary>
/// The run command's topology as a real process: the WebFrontend with its co-hosted silo on SQLite. A value written
/// before a restart of the process is read back after it.
/// </summary>
public sealed class EmbeddedModeProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sessions-embedded-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private AppProcess Start(int httpPort, int siloPort, int gatewayPort, string durability = "Normal") => AppProcess.StartDll(BuiltApps.WebFrontendDll,
    [
        "--Silo:SqliteDurability", durability,
        "--urls", $"http://127.0.0.1:{httpPort}",
        "--Silo:SqlitePath", Path.Combine(_data, "sessions.db"),
        "--SessionCookie:KeyRingPath", Path.Combine(_data, "keys"),
        "--Silo:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture),
        "--Cluster:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture),
        .. ClientWritableTestKeys.Arguments(),
    ]);

    [Fact]
    public async Task ValueWrittenBeforeRestart_IsReadAfterRestart()
    {
        var (httpPort, siloPort, gatewayPort) = (TestPorts.Next(), TestPorts.Next(), TestPorts.Next());
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        using var client = new SessionClient(http);

        await using (var first = Start(httpPort, siloPort, gatewayPort))
        {
            await Readiness.WaitForAsync(http, first);
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/cart", "kept")).StatusCode);
            await first.StopAsync(TimeSpan.FromSeconds(30));
        }

        await using var second = Start(httpPort, siloPort, gatewayPort);
        await Readiness.WaitForAsync(http, second);
        var response = await client.GetAsync("/api/session/items/cart");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("kept", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("Normal")]
    [InlineData("Full")]
    public async Task WritesAcknowledgedWriteThrough_SurviveKillOfTheProcess(string durability)
    {
        var (httpPort, siloPort, gatewayPort) = (TestPorts.Next(), TestPorts.Next(), TestPorts.Next());
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        using var client = new SessionClient(http);
        const int Writes = 50;

        await using (var first = Start(httpPort, siloPort, gatewayPort, durability))
        {
            await Readiness.WaitForAsync(http, first);
            for (var i = 0; i < Writes; i++)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync($"/api/session/items/k{i}", $"v{i}")).StatusCode);
            }

            await first.KillAsync(); // right after the last acknowledgement
        }

        await using var second = Start(httpPort, siloPort, gatewayPort, durability);
        await Readiness.WaitForAsync(http, second);
        for (var i = 0; i < Writes; i++)
        {
            var read = await client.GetAsync($"/api/session/items/k{i}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal($"v{i}", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Metrics_CarryTheSilosCountersAndTheFrontendsLatencies()
    {
        var (httpPort, siloPort, gatewayPort) = (TestPorts.Next(), TestPorts.Next(), TestPorts.Next());
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        using var client = new SessionClient(http);
        await using var app = Start(httpPort, siloPort, gatewayPort);
        await Readiness.WaitForAsync(http, app);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/cart", "1 book")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/session")).StatusCode);
        var metrics = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(1, PrometheusText.Sum(metrics, "sessions_created_total"));
        Assert.Equal(1, PrometheusText.Sum(metrics, "sessions_ended_total", "reason=\"destroyed\""));
        Assert.True(PrometheusText.Sum(metrics, "sessions_storage_write_duration_seconds_count") >= 1, metrics);
        Assert.True(PrometheusText.Sum(metrics, "sessions_storage_queue_duration_seconds_count") >= 2, metrics); // the write and the delete
        Assert.True(PrometheusText.Sum(metrics, "sessions_storage_batch_duration_seconds_count") >= 1, metrics);
        Assert.True(PrometheusText.Sum(metrics, "sessions_storage_batch_size_sum") >= 2, metrics);
        Assert.True(PrometheusText.Sum(metrics, "sessions_grain_call_duration_seconds_count") >= 2, metrics);
        Assert.True(PrometheusText.Sum(metrics, "http_server_request_duration_seconds_count") >= 2, metrics);
    }

    // Kestrel parses chunked framing only on a real connection (the in-process test server does not), so this one
    // talks raw HTTP to the process.
    [Fact]
    public async Task ABodyWithAChunkSizeLineKestrelCannotParse_Answers400()
    {
        var (httpPort, siloPort, gatewayPort) = (TestPorts.Next(), TestPorts.Next(), TestPorts.Next());
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        await using var app = Start(httpPort, siloPort, gatewayPort);
        await Readiness.WaitForAsync(http, app);
        var request = "PUT /api/session/items/a HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n" +
            "Transfer-Encoding: chunked\r\n\r\n" + new string('1', 200) + "\r\nabc\r\n0\r\n\r\n";

        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, httpPort, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal("HTTP/1.1 400 Bad Request", statusLine);
    }
}
