using System.Net;

namespace Sessions.Tests.WebFrontend;

/// <summary>Security headers on every response, and no caching of responses that carry session data.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SecurityHeadersTests(ClusterFixture fixture) : IAsyncDisposable
{
    private readonly FrontendFactory _factory = new(fixture, ClientWritableTestKeys.Settings());

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task SessionDataResponses_CarryTheSecurityHeaders_AndAreNeverStored()
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/cart", "3 books");

        var item = await client.GetAsync("/api/session/items/cart");
        var document = await client.GetAsync("/api/session");
        var missing = await client.GetAsync("/api/session/items/none");

        foreach (var response in new[] { item, document, missing })
        {
            AssertSecurityHeaders(response);
            Assert.True(response.Headers.CacheControl?.NoStore);
        }

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task OtherResponses_CarryTheSecurityHeaders()
    {
        using var client = _factory.CreateSessionClient();

        var health = await client.GetAsync("/healthz");
        var unknown = await client.GetAsync("/no-such-page");

        AssertSecurityHeaders(health);
        AssertSecurityHeaders(unknown);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
