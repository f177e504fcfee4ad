using System.Net;
using System.Text.RegularExpressions;

namespace Sessions.Tests.WebFrontend;

/// <summary><c>/metrics</c>: Prometheus text with the session counters, storage and grain-call latencies, and HTTP metrics.</summary>
[Collection(AuthClusterCollection.Name)]
public sealed partial class MetricsEndpointTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_CountCreatedAndEndedSessions_AndCarryLatencyHistograms()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1);
        using var scraper = frontend.Client();
        var before = await ScrapeAsync(scraper);

        for (var i = 0; i < 5; i++)
        {
            using var browser = frontend.Client();
            await browser.PutTextAsync("/api/session/items/cart", "1 book");
            if (i < 2)
            {
                await browser.DeleteAsync("/api/session");
            }
        }

        using var user = await frontend.SignedInAsync(frontend.Users[0]);
        await user.PostAsync("/api/auth/logout");
        var after = await ScrapeAsync(scraper);

        // Other tests may create sessions meanwhile (one process): at least this test's own must be counted.
        Assert.True(Value(after, "sessions_created_total") - Value(before, "sessions_created_total") >= 6);
        Assert.True(Value(after, "sessions_ended_total", "reason=\"destroyed\"") - Value(before, "sessions_ended_total", "reason=\"destroyed\"") >= 2);
        Assert.True(Value(after, "sessions_ended_total", "reason=\"logout\"") - Value(before, "sessions_ended_total", "reason=\"logout\"") >= 1);
        Assert.Contains("sessions_grain_call_duration_seconds_bucket{", after, StringComparison.Ordinal);
        Assert.Contains("sessions_storage_write_duration_seconds_bucket{", after, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", after, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(SessionClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The sum of the samples of <paramref name="name"/> (with <paramref name="label"/> among their labels, if given).</summary>
    private static double Value(string metrics, string name, string? label = null) => metrics.Split('\n')
        .Where(l => (l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            && (label is null || l.Contains(label, StringComparison.Ordinal)))
        .Sum(l => double.Parse(Number().Match(l[(l.LastIndexOf(' ') + 1)..]).Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"-?[0-9.]+(e[+-]?[0-9]+)?")]
    private static partial Regex Number();
}
