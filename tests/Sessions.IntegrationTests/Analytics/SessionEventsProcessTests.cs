using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Tests.Analytics;

/// <summary>
/// The run command's process killed (<c>kill -9</c>) right after sessions ended, with their events still in the outbox
/// and the dispatcher and its analytics consumer in that process: after a restart every start and end is counted,
/// each once.
/// </summary>
public sealed class SessionEventsProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sessions-events-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task SessionEnds_WaitingInTheOutboxWhenTheProcessIsKilled_AreCountedOnceAfterTheRestart()
    {
        var (httpPort, siloPort, gatewayPort) = (TestPorts.Next(), TestPorts.Next(), TestPorts.Next());
        var address = new Uri($"http://127.0.0.1:{httpPort}");
        var visitors = Enumerable.Range(0, 20).Select(_ => new SessionClient(new HttpClient { BaseAddress = address })).ToList();
        try
        {
            await using (var first = Start(httpPort, siloPort, gatewayPort))
            {
                await Readiness.WaitForAsync(visitors[0].Http, first);
                foreach (var visitor in visitors)
                {
                    Assert.Equal(HttpStatusCode.NoContent, (await visitor.PutTextAsync("/api/session/items/cart", "1 book")).StatusCode);
                }

                foreach (var visitor in visitors.Take(10))
                {
                    Assert.Equal(HttpStatusCode.NoContent, (await visitor.DeleteAsync("/api/session")).StatusCode);
                }

                var metrics = await visitors[0].Http.GetStringAsync("/metrics", Token); // a process of its own: exact counts
                Assert.Equal(20, Sample(metrics, "sessions_created_total"));
                Assert.Equal(10, Sample(metrics, "sessions_ended_total", "reason=\"destroyed\""));
                await first.KillAsync(); // within the dispatcher's poll interval of the last end
            }

            await using var second = Start(httpPort, siloPort, gatewayPort);
            await Readiness.WaitForAsync(visitors[0].Http, second);
            var report = await visitors[0].Http.GetFromJsonAsync<JsonElement>("/api/analytics", Token);

            Assert.Equal(20, report.GetProperty("sessionsStarted").GetInt64());
            Assert.Equal(10, report.GetProperty("sessionsEnded").GetInt64());
            Assert.Equal(10, report.GetProperty("activeSessions").GetInt64());
        }
        finally
        {
            visitors.ForEach(v => v.Dispose());
        }
    }

    private static double Sample(string metrics, string name, string? label = null) => metrics.Split('\n')
        .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (label is null || l.Contains(label, StringComparison.Ordinal)))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    // Development: /api/analytics is open, so reading it creates no session of its own.
    private AppProcess Start(int httpPort, int siloPort, int gatewayPort) => AppProcess.StartDll(BuiltApps.WebFrontendDll,
    [
        "--environment", "Development",
        "--urls", $"http://127.0.0.1:{httpPort}",
        "--Silo:SqlitePath", Path.Combine(_data, "sessions.db"),
        "--SessionCookie:KeyRingPath", Path.Combine(_data, "keys"),
        "--Silo:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture),
        "--Cluster:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture),
        "--RateLimits:SessionCreationsPerMinute", "0",
        .. ClientWritableTestKeys.Arguments(),
    ]);
}
