using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Sessions.Tests.WebFrontend;

[Collection(ClusterCollection.Name)]
public sealed class SessionEndpointsTests(ClusterFixture fixture) : IAsyncDisposable
{
    private readonly FrontendFactory _factory = new(fixture, ClientWritableTestKeys.Settings());

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Put_ThenGet_ReturnsValue()
    {
        using var client = _factory.CreateSessionClient();

        var put = await client.PutTextAsync("/api/session/items/greeting", "héllo");
        var get = await client.GetAsync("/api/session/items/greeting");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("héllo", await get.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("text/plain", get.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FirstWrite_IssuesHardenedSessionCookie_OnlyOnce()
    {
        using var client = _factory.CreateSessionClient();

        var first = await client.PutTextAsync("/api/session/items/a", "1");
        var second = await client.PutTextAsync("/api/session/items/b", "2");

        var cookie = Assert.Single(SessionClient.SetCookies(first));
        Assert.Equal("sid", cookie.Name.Value);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal("/", cookie.Path.Value);
        Assert.False(cookie.Secure); // plain HTTP
        Assert.Null(cookie.Expires); // a browser-session cookie
        Assert.True(first.Headers.CacheControl?.NoStore); // a response carrying Set-Cookie is never cached
        Assert.Empty(SessionClient.SetCookies(second));
    }

    [Fact]
    public async Task FirstWrite_OverHttps_UsesHostPrefixAndSecure()
    {
        using var client = _factory.CreateSessionClient(https: true);

        var put = await client.PutTextAsync("/api/session/items/a", "1");

        var cookie = Assert.Single(SessionClient.SetCookies(put));
        Assert.Equal("__Host-sid", cookie.Name.Value);
        Assert.True(cookie.Secure);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session/items/a")).StatusCode);
    }

    [Fact]
    public async Task Reads_WithoutSession_Return404AndCreateNothing()
    {
        using var client = _factory.CreateSessionClient();
        var callsBefore = fixture.Calls.SessionGrainCalls;

        var session = await client.GetAsync("/api/session");
        var item = await client.GetAsync("/api/session/items/a");
        var remove = await client.DeleteAsync("/api/session/items/a");

        await AssertProblemAsync(session, HttpStatusCode.NotFound);
        await AssertProblemAsync(item, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.Empty(SessionClient.SetCookies(session));
        Assert.Empty(SessionClient.SetCookies(item));
        Assert.Equal(callsBefore, fixture.Calls.SessionGrainCalls);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("random-id")]
    [InlineData("garbage")]
    public async Task ForgedCookie_IsTreatedAsNoSession_WithoutReachingTheCluster(string forgery)
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/secret", "mine");
        var genuine = client.Cookie!;
        var value = genuine["sid=".Length..];
        client.Cookie = "sid=" + forgery switch
        {
            "tampered" => value[..20] + (value[20] == 'A' ? 'B' : 'A') + value[21..],
            "random-id" => WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            _ => "%%%not-a-cookie%%%",
        };
        var callsBefore = fixture.Calls.SessionGrainCalls;

        var session = await client.GetAsync("/api/session");
        var item = await client.GetAsync("/api/session/items/secret");

        await AssertProblemAsync(session, HttpStatusCode.NotFound);
        await AssertProblemAsync(item, HttpStatusCode.NotFound);
        Assert.Equal(callsBefore, fixture.Calls.SessionGrainCalls);
    }

    [Fact]
    public async Task Write_WithForgedCookie_StartsAFreshSession()
    {
        using var client = _factory.CreateSessionClient();
        client.Cookie = "sid=forged";

        var put = await client.PutTextAsync("/api/session/items/a", "1");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.NotEqual("sid=forged", client.Cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session/items/a")).StatusCode);
    }

    [Fact]
    public async Task GetSession_ReturnsMetadataAndItems()
    {
        using var client = _factory.CreateSessionClient();
        await client.PutJsonAsync("/api/session/items/cart", """{"sku":"A1","qty":2}""");
        await client.PutTextAsync("/api/session/items/name", "Ada");

        var response = await client.GetAsync("/api/session");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = body.RootElement;
        Assert.Equal(2, root.GetProperty("items").GetProperty("cart").GetProperty("qty").GetInt32());
        Assert.Equal("Ada", root.GetProperty("items").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("userId").ValueKind);
        Assert.True(root.GetProperty("expiresAt").GetDateTimeOffset() > root.GetProperty("lastAccessedAt").GetDateTimeOffset());
        Assert.True(root.GetProperty("createdAt").GetDateTimeOffset() <= root.GetProperty("lastAccessedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Increment_200Concurrent_ReturnsExactly200()
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/counter", "0");

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.PostAsync("/api/session/items/counter/increment")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var final = await client.GetAsync("/api/session/items/counter");
        Assert.Equal("200", await final.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Increment_WithBy_ReturnsNewValue_AndCreatesSessionWhenNeeded()
    {
        using var client = _factory.CreateSessionClient();

        var first = await client.PostAsync("/api/session/items/n/increment?by=5");
        var second = await client.PostAsync("/api/session/items/n/increment?by=-7");

        Assert.Equal(5, await first.Content.ReadFromJsonAsync<long>(TestContext.Current.CancellationToken));
        Assert.Equal(-2, await second.Content.ReadFromJsonAsync<long>(TestContext.Current.CancellationToken));
        Assert.Single(SessionClient.SetCookies(first));
    }

    [Fact]
    public async Task DeleteItem_RemovesIt()
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/a", "1");

        var delete = await client.DeleteAsync("/api/session/items/a");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await AssertProblemAsync(await client.GetAsync("/api/session/items/a"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteSession_DestroysItServerSide_AndClearsCookie()
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/a", "1");
        var oldCookie = client.Cookie;

        var delete = await client.DeleteAsync("/api/session");
        client.Cookie = oldCookie; // a stolen copy of the cookie must not work either

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var cleared = Assert.Single(SessionClient.SetCookies(delete));
        Assert.True(cleared.Expires < DateTimeOffset.UtcNow);
        Assert.True(delete.Headers.CacheControl?.NoStore);
        await AssertProblemAsync(await client.GetAsync("/api/session"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Health_LivenessAndReadiness_AreHealthy()
    {
        using var client = _factory.CreateSessionClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }
}
