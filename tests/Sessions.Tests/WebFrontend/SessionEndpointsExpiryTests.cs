using System.Net;

namespace Sessions.Tests.WebFrontend;

[Collection(ExpiryClusterCollection.Name)]
public sealed class SessionEndpointsExpiryTests(ClusterFixture fixture) : IAsyncDisposable
{
    private readonly FrontendFactory _factory = new(fixture, ClientWritableTestKeys.Settings());

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Get_AfterIdleTimeout_Returns404()
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/a", "1");

        fixture.Time.Advance(TimeSpan.FromMinutes(21));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/session/items/a")).StatusCode);
    }

    [Fact]
    public async Task Write_AfterIdleTimeout_IssuesAFreshIdInsteadOfReviving()
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/a", "1");
        var expiredCookie = client.Cookie;

        fixture.Time.Advance(TimeSpan.FromMinutes(21));
        var put = await client.PutTextAsync("/api/session/items/b", "2");
        var freshCookie = client.Cookie;
        client.Cookie = expiredCookie;
        var oldSession = await client.GetAsync("/api/session");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.NotEqual(expiredCookie, freshCookie);
        Assert.Equal(HttpStatusCode.NotFound, oldSession.StatusCode);
    }
}
