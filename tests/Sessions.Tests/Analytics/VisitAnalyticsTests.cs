using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Sessions.Tests.Analytics;

/// <summary><c>/api/analytics</c> over real sessions, page views and ends, on the fake clock.</summary>
[Collection(AnalyticsClusterCollection.Name)]
public sealed class VisitAnalyticsTests(AnalyticsClusterFixture cluster)
{
    private const string Admin = "analyst";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThirtySessionsOfFourPageViews_TenEnded_AreCountedWithTheirDurations()
    {
        await using var frontend = new FrontendFactory(cluster, TestUsers.Settings([(Admin, "admin")], ClientWritableTestKeys.Pairs()));
        using var admin = frontend.CreateSessionClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.LoginAsync(Admin)).StatusCode);
        var before = await ReportAsync(admin);

        var visitors = Enumerable.Range(0, 30).Select(_ => PageBrowser.Open(frontend)).ToList(); // pages set cookies of their own
        foreach (var visitor in visitors)
        {
            var put = await visitor.Http.PutAsync("/api/session/items/cart", new StringContent("{}", Encoding.UTF8, "application/json"), Token);
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            for (var view = 0; view < 4; view++)
            {
                var shop = await visitor.Http.GetAsync("/shop", Token);
                Assert.True(shop.StatusCode == HttpStatusCode.OK, $"GET /shop answered {(int)shop.StatusCode}:\n{frontend.Logs.Errors()}");
            }

            await visitor.Http.GetAsync("/api/session", Token); // the session's next call: after its one-way page views
        }

        cluster.Time.Advance(TimeSpan.FromSeconds(90));
        foreach (var visitor in visitors.Take(10))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await visitor.Http.DeleteAsync("/api/session", Token)).StatusCode);
        }

        var after = await ReportAsync(admin);

        Assert.Equal(30, Number(after, "sessionsStarted") - Number(before, "sessionsStarted"));
        Assert.Equal(10, Number(after, "sessionsEnded") - Number(before, "sessionsEnded"));
        Assert.Equal(20, Number(after, "activeSessions") - Number(before, "activeSessions"));
        Assert.Equal(120, ShopViews(after) - ShopViews(before));
        var durations = after.GetProperty("durationSeconds");
        Assert.Equal(10, durations.GetProperty("count").GetInt64());
        Assert.Equal(90, durations.GetProperty("p50").GetDouble()); // 90 s on the fake clock, a bucket bound
        Assert.Equal(90, durations.GetProperty("p99").GetDouble());
        Assert.Equal(4, after.GetProperty("pagesPerSession").GetProperty("p50").GetDouble());
        var perMinute = after.GetProperty("perMinute").EnumerateArray().ToList();
        Assert.Equal(60, perMinute.Count);
        Assert.Equal(10, perMinute.Sum(m => m.GetProperty("ended").GetInt64()));
        foreach (var visitor in visitors)
        {
            visitor.Dispose();
        }
    }

    [Fact]
    public async Task Analytics_OutsideDevelopment_NeedTheConfiguredRole()
    {
        await using var frontend = new FrontendFactory(cluster, TestUsers.Settings([("viewer", "user")], ClientWritableTestKeys.Pairs()));
        using var anonymous = frontend.CreateSessionClient();
        using var viewer = frontend.CreateSessionClient();
        Assert.Equal(HttpStatusCode.OK, (await viewer.LoginAsync("viewer")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/analytics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/analytics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/analytics")).StatusCode);
    }

    private static async Task<JsonElement> ReportAsync(SessionClient client)
    {
        var response = await client.GetAsync("/api/analytics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    private static long Number(JsonElement report, string name) => report.GetProperty(name).GetInt64();

    private static long ShopViews(JsonElement report) => report.GetProperty("topPages").EnumerateArray()
        .Where(p => p.GetProperty("path").GetString() == "/shop").Sum(p => p.GetProperty("views").GetInt64());
}
