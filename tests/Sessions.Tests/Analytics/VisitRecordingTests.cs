using System.Net;
using System.Text;

namespace Sessions.Tests.Analytics;

/// <summary>Recording a visit's page views is coalesced in the session: a page view is no storage write of its own.</summary>
[Collection(ProbedClusterCollection.Name)]
public sealed class VisitRecordingTests(ProbedClusterFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwentyPageViews_CostNoStorageWrite()
    {
        await using var frontend = new FrontendFactory(fixture, TestUsers.Settings([], ClientWritableTestKeys.Pairs()));
        using var visitor = PageBrowser.Open(frontend);
        var put = await visitor.Http.PutAsync("/api/session/items/cart", new StringContent("{}", Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        var stored = await (await visitor.Http.GetAsync("/api/session", Token)).Content.ReadAsStringAsync(Token);
        var writesBefore = fixture.Storage.WritesStarted;

        for (var view = 0; view < 20; view++)
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync("/shop", Token)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync("/api/session", Token)).StatusCode); // after the one-way views
        Assert.Equal(writesBefore, fixture.Storage.WritesStarted);
        Assert.Contains("cart", stored, StringComparison.Ordinal);
    }
}
