using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Sessions.Tests.Security;

/// <summary>
/// Cross-site request forgery (ASVS 5.0 V3.5, the OWASP CSRF cheat sheet's Fetch Metadata and origin checks): a
/// browser's cross-site state change is refused with 403 problem+json before it changes anything, whatever the
/// cookie's SameSite; the same request from the site itself, or from a client that is no browser, goes through.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class CrossSiteRequestTests(AuthClusterFixture cluster)
{
    private const string Attacker = "https://attacker.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task V3_5_1_CrossSiteTextPlainLogin_IsRefused_AndTheVictimsCookieStays()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1, settings: ClientWritableTestKeys.Pairs());
        var user = frontend.Users[0];
        using var victim = frontend.Client();
        await victim.PostAsync("/api/session/items/n/increment");
        var victimsCookie = victim.Cookie;

        // What <form enctype="text/plain" action=".../api/auth/login" method="post"> on the attacker's page sends.
        var forged = await SendAsync(victim, HttpMethod.Post, "/api/auth/login", LoginBody(user, "text/plain"), ("Sec-Fetch-Site", "cross-site"), ("Origin", Attacker));

        await AssertRefusedAsync(forged);
        Assert.Equal(victimsCookie, victim.Cookie);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(victim, HttpMethod.Post, "/api/auth/login", LoginBody(user, "application/json"), ("Sec-Fetch-Site", "same-origin"))).StatusCode);
    }

    [Fact]
    public async Task V3_5_1_LoginWithABodyThatIsNotDeclaredJson_IsRefused_415()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1, settings: ClientWritableTestKeys.Pairs());
        using var client = frontend.Client();

        var response = await SendAsync(client, HttpMethod.Post, "/api/auth/login", LoginBody(frontend.Users[0], "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(client.Cookie);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", Attacker)]
    [InlineData("Origin", "null")]
    [InlineData("Referer", Attacker + "/page")]
    public async Task V3_5_1_CrossSiteIncrementOfAClientWritableKey_IsRefused_AndChangesNothing(string header, string value)
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ClientWritableTestKeys.Pairs());
        using var victim = frontend.Client();
        await victim.PostAsync("/api/session/items/n/increment");
        var victimsCookie = victim.Cookie;

        var forged = await SendAsync(victim, HttpMethod.Post, "/api/session/items/n/increment", content: null, (header, value));

        await AssertRefusedAsync(forged);
        Assert.Equal(victimsCookie, victim.Cookie);
        Assert.Equal("1", await (await victim.GetAsync("/api/session/items/n")).Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Referer", "http://localhost/shop")]
    [InlineData("User-Agent", "curl/8.5.0")] // no browser: none of the three headers
    public async Task SameOriginOrNonBrowserIncrement_GoesThrough(string header, string value)
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ClientWritableTestKeys.Pairs());
        using var client = frontend.Client();
        await client.PostAsync("/api/session/items/n/increment");

        var response = await SendAsync(client, HttpMethod.Post, "/api/session/items/n/increment", content: null, (header, value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", await (await client.GetAsync("/api/session/items/n")).Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ATrustedOrigin_MayChangeState_CrossSite()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0,
            settings: [.. ClientWritableTestKeys.Pairs(), ("CrossSite:TrustedOrigins:0", "https://app.example")]);
        using var client = frontend.Client();

        var trusted = await SendAsync(client, HttpMethod.Post, "/api/session/items/n/increment", null, ("Sec-Fetch-Site", "cross-site"), ("Origin", "https://app.example"));
        var other = await SendAsync(client, HttpMethod.Post, "/api/session/items/n/increment", null, ("Sec-Fetch-Site", "cross-site"), ("Origin", Attacker));

        Assert.Equal(HttpStatusCode.OK, trusted.StatusCode);
        await AssertRefusedAsync(other);
    }

    [Fact]
    public async Task CrossSiteReads_AreNotRefused_TheyChangeNothing()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ClientWritableTestKeys.Pairs());
        using var client = frontend.Client();

        var read = await SendAsync(client, HttpMethod.Get, "/api/session", null, ("Sec-Fetch-Site", "cross-site"), ("Origin", Attacker));

        Assert.NotEqual(HttpStatusCode.Forbidden, read.StatusCode);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Cross-site request refused", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(SessionClient.SetCookies(response));
    }

    private static StringContent LoginBody(string user, string mediaType) =>
        new($$"""{"userName":"{{user}}","password":"{{TestUsers.PasswordOf(user)}}"}""", Encoding.UTF8, mediaType);

    private static async Task<HttpResponseMessage> SendAsync(
        SessionClient client, HttpMethod method, string path, HttpContent? content, params (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            client.Http.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        try
        {
            return await client.SendAsync(method, path, content);
        }
        finally
        {
            foreach (var (name, _) in headers)
            {
                client.Http.DefaultRequestHeaders.Remove(name);
            }
        }
    }
}
