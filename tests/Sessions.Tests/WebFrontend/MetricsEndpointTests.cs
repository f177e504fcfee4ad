using System.Net;

namespace Sessions.Tests.WebFrontend;

/// <summary>
/// <c>/metrics</c> of a frontend of a separate cluster: its grain-call and HTTP latencies, and only its own host's
/// series, also when other hosts of the same process come and go (the silos' counters are the silos' to export; the
/// embedded topology is scraped in <c>EmbeddedModeProcessTests</c>).
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class MetricsEndpointTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_CarryTheFrontendsLatencies_AcrossScrapesAfterAnotherFrontendOfTheProcessStopped()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var browser = frontend.Client();
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PutTextAsync("/api/session/items/cart", "1 book")).StatusCode);
        await using (var other = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs()))
        {
            using var otherBrowser = other.Client();
            Assert.Equal(HttpStatusCode.NoContent, (await otherBrowser.PutTextAsync("/api/session/items/cart", "2 books")).StatusCode);
        }

        using var scraper = frontend.Client();
        await ScrapeAsync(scraper); // a scrape in between, as Prometheus makes them: the series must outlive it
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/session/items/cart")).StatusCode);
        var metrics = await ScrapeAsync(scraper);

        Assert.True(PrometheusText.Sum(metrics, "sessions_grain_call_duration_seconds_count") >= 2, metrics);
        Assert.True(PrometheusText.Sum(metrics, "http_server_request_duration_seconds_count") >= 2, metrics);
        Assert.DoesNotContain("sessions_created_total", metrics, StringComparison.Ordinal); // the test silos' host, not this one
    }

    private static async Task<string> ScrapeAsync(SessionClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
