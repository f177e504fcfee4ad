using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Sessions.Tests.Security;

/// <summary>
/// The client trust boundary on the demo: the browser-facing API reads and writes only declared keys, so what the
/// server keeps through <c>HttpContext.Session</c> (the shop's cart) is neither shown nor changed there; the
/// server-to-server API sees every key but only with one of its bearer tokens.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class TrustBoundaryTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BrowserApi_OnAKeyTheServerSetThroughTheSession_RevealsAndChangesNothing()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ServerApiClient.Settings);
        using var browser = PageBrowser.Open(frontend.Factory);
        await browser.GetPageAsync("/shop");
        await browser.PostFormAsync("/shop?handler=Add", [new("sku", "mug-grain")]); // the page sets "cart" through the session
        var server = new ServerApiClient(frontend.Factory.CreateClient()) { SessionValue = browser.SessionCookieValue };
        var before = await (await server.GetAsync("/items/cart")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("mug-grain", before, StringComparison.Ordinal);

        var get = await browser.Http.GetAsync("/api/session/items/cart", Ct);
        var document = await browser.Http.GetAsync("/api/session", Ct);
        var put = await browser.Http.PutAsync("/api/session/items/cart", Json("""{"lines":[{"sku":"mug-grain","qty":100}]}"""), Ct);
        var delete = await browser.Http.DeleteAsync("/api/session/items/cart", Ct);
        var increment = await browser.Http.PostAsync("/api/session/items/cart/increment", null, Ct);

        await AssertProblemAsync(get, HttpStatusCode.NotFound);
        Assert.DoesNotContain("mug-grain", await get.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Empty((await document.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateObject());
        await AssertProblemAsync(put, HttpStatusCode.Forbidden);
        await AssertProblemAsync(delete, HttpStatusCode.Forbidden);
        await AssertProblemAsync(increment, HttpStatusCode.Forbidden);
        Assert.Equal(before, await (await server.GetAsync("/items/cart")).Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task BrowserApi_DeclaredKeysAndPrefixes_AreReadWritable_AndTheDocumentListsOnlyThem()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ServerApiClient.Settings);
        using var browser = frontend.Client();
        var server = new ServerApiClient(frontend.Factory.CreateClient());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PutTextAsync("/api/session/items/name", "Ada")).StatusCode); // the demo's appsettings.json
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PutJsonAsync("/api/session/items/prefs.theme", "\"dark\"")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/session/items/visits/increment")).StatusCode);
        await AssertProblemAsync(await browser.PutTextAsync("/api/session/items/prefs", "no prefix match"), HttpStatusCode.Forbidden);
        server.SessionValue = browser.Cookie!["sid=".Length..];
        Assert.Equal(HttpStatusCode.NoContent, (await server.PutJsonAsync("/items/role", "\"admin\"")).StatusCode);

        var items = (await (await browser.GetAsync("/api/session")).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items");
        Assert.Equal(["name", "prefs.theme", "visits"], items.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        await AssertProblemAsync(await browser.GetAsync("/api/session/items/role"), HttpStatusCode.NotFound);
        var all = (await (await server.GetAsync("/")).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items");
        Assert.Equal("admin", all.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("a-wrong-token-of-the-right-length-000000000000")]
    [InlineData(ServerApiClient.Token0 + "x")]
    [InlineData("")]
    public async Task ServerApi_WithoutOrWithAWrongToken_Answers401Problem_AndChangesNothing(string? token)
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ServerApiClient.Settings);
        var owner = new ServerApiClient(frontend.Factory.CreateClient());
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PutJsonAsync("/items/cart", "{\"lines\":[]}")).StatusCode);
        var intruder = new ServerApiClient(frontend.Factory.CreateClient(), token) { SessionValue = owner.SessionValue };

        var responses = new[]
        {
            await intruder.GetAsync("/items/cart"),
            await intruder.GetAsync("/"),
            await intruder.PutJsonAsync("/items/cart", "{\"lines\":[{\"sku\":\"mug-grain\",\"qty\":1}]}"),
            await intruder.PutJsonAsync("/items/fresh", "1"),
            await intruder.SendAsync(HttpMethod.Delete, "/"),
        };

        foreach (var response in responses)
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }

        Assert.Equal("{\"lines\":[]}", await (await owner.GetAsync("/items/cart")).Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/items/fresh")).StatusCode);
        Assert.DoesNotContain(frontend.Factory.Logs.Entries, e => e.Message.Contains(ServerApiClient.Token0, StringComparison.Ordinal)
            || (token is { Length: > 0 } && e.Message.Contains(token, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(ServerApiClient.Token0)]
    [InlineData(ServerApiClient.Token1)]
    public async Task ServerApi_WorksWithEachConfiguredToken_OnTheSessionTheBrowsersCookieNames(string token)
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ServerApiClient.Settings);
        using var browser = PageBrowser.Open(frontend.Factory);
        await browser.GetPageAsync("/shop");
        await browser.PostFormAsync("/shop?handler=Add", [new("sku", "book-orleans")]);
        var server = new ServerApiClient(frontend.Factory.CreateClient(), token) { SessionValue = browser.SessionCookieValue };

        var cart = await server.GetAsync("/items/cart");
        var put = await server.PutJsonAsync("/items/checkout", """{"step":1}""");
        var increment = await server.SendAsync(HttpMethod.Post, "/items/n/increment?by=5");
        var document = await server.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, cart.StatusCode);
        Assert.Contains("book-orleans", await cart.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(5, await increment.Content.ReadFromJsonAsync<long>(Ct));
        var items = (await document.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items");
        Assert.Equal(["cart", "checkout", "n"], items.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(browser.SessionCookieValue, server.SessionValue); // the same session throughout
        Assert.Contains("Step 1 of 3", await browser.GetPageAsync("/checkout"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerApi_CreatesAndDestroysSessions_ThroughItsHeader_NeverACookie()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ServerApiClient.Settings);
        var server = new ServerApiClient(frontend.Factory.CreateClient());

        var put = await server.PutJsonAsync("/items/cart", "{\"lines\":[]}");
        var created = server.SessionValue;
        var destroy = await server.SendAsync(HttpMethod.Delete, "/");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.False(put.Headers.Contains("Set-Cookie"));
        Assert.NotNull(created);
        Assert.Equal(HttpStatusCode.NoContent, destroy.StatusCode);
        Assert.Equal(string.Empty, Assert.Single(destroy.Headers.GetValues(SessionServerEndpoints.SessionHeaderName)));
        server.SessionValue = created;
        Assert.Equal(HttpStatusCode.NotFound, (await server.GetAsync("/items/cart")).StatusCode);
    }

    [Fact]
    public async Task ServerApi_BeyondItsOwnRateLimit_Answers429Problem_WithRetryAfter()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: [.. ServerApiClient.Settings, ("SessionServerApi:RequestsPerMinute", "2")]);
        var server = new ServerApiClient(frontend.Factory.CreateClient());

        Assert.Equal(HttpStatusCode.NotFound, (await server.GetAsync("/items/a")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.GetAsync("/items/a")).StatusCode);
        var limited = await server.GetAsync("/items/a");

        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await frontend.Client().GetAsync("/healthz")).StatusCode); // the rest of the app is not limited
    }

    [Fact]
    public async Task ServerApi_CreatesSessionsForAllItsUsers_OutsideThePerAddressCreationLimit()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: [.. ServerApiClient.Settings, ("RateLimits:SessionCreationsPerMinute", "1")]);
        using var browser = frontend.Client();

        var created = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await new ServerApiClient(frontend.Factory.CreateClient()).PutJsonAsync("/items/cart", "{\"lines\":[]}")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent], created);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PutTextAsync("/api/session/items/name", "first")).StatusCode);
        using var another = frontend.Client();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await another.PutTextAsync("/api/session/items/name", "second")).StatusCode);
    }

    [Fact]
    public async Task ServerApi_IsNotMappedWithoutATokenInTheDemo_AndMappingItWithoutOneFailsNamingTheKey()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0);
        Assert.Equal(HttpStatusCode.NotFound, (await new ServerApiClient(frontend.Factory.CreateClient()).GetAsync("/")).StatusCode);

        var builder = WebApplication.CreateBuilder();
        builder.Services.AddOrleansSessions();
        await using var app = builder.Build();
        var failure = Assert.Throws<StartupException>(() => { app.MapSessionServerEndpoints(); });
        Assert.Contains("SessionServerApi:Tokens", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderName_Set_CarriesTheSessionIdInThatHeaderOnly()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ("SessionCookie:HeaderName", "X-Session-Id"));
        using var http = frontend.Factory.CreateClient();

        var put = await http.PutAsync("/api/session/items/name", new StringContent("Ada"), Ct);
        var id = Assert.Single(put.Headers.GetValues("X-Session-Id"));
        using var withHeader = new HttpRequestMessage(HttpMethod.Get, "/api/session/items/name") { Headers = { { "X-Session-Id", id } } };
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/session/items/name") { Headers = { { "Cookie", "sid=" + id } } };

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.False(put.Headers.Contains("Set-Cookie"));
        Assert.Equal("Ada", await (await http.SendAsync(withHeader, Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(withCookie, Ct)).StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetInt32());
    }
}
