using System.Net;

namespace Sessions.Tests.WebFrontend;

/// <summary>The <c>SessionCookie:*</c> settings on the real WebFrontend's cookie.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionCookieSettingsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task PathAndDomain_OverHttps_UseTheSecurePrefix_SinceHostPrefixedCookiesCannotHaveThem()
    {
        await using var factory = new FrontendFactory(fixture, ClientWritableTestKeys.Settings(new Dictionary<string, string>
        {
            ["SessionCookie:Path"] = "/api",
            ["SessionCookie:Domain"] = "localhost",
            ["SessionCookie:SameSite"] = "Strict",
        }));
        using var client = factory.CreateSessionClient(https: true);

        var put = await client.PutTextAsync("/api/session/items/a", "1");

        var cookie = Assert.Single(SessionClient.SetCookies(put));
        Assert.Equal("__Secure-sid", cookie.Name.Value);
        Assert.Equal("/api", cookie.Path.Value);
        Assert.Equal("localhost", cookie.Domain.Value);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.True(cookie.Secure);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session/items/a")).StatusCode);
    }

    [Fact]
    public async Task SecurePolicyAlways_MakesTheCookieSecure_OnPlainHttpRequests()
    {
        await using var factory = new FrontendFactory(fixture, ClientWritableTestKeys.Settings(new Dictionary<string, string> { ["SessionCookie:SecurePolicy"] = "Always" }));
        using var client = factory.CreateSessionClient(); // as behind a proxy that ends TLS

        var put = await client.PutTextAsync("/api/session/items/a", "1");

        var cookie = Assert.Single(SessionClient.SetCookies(put));
        Assert.Equal("sid", cookie.Name.Value);
        Assert.True(cookie.Secure);
    }

    [Fact]
    public async Task V3_3_1_TheAntiforgeryCookie_IsHostPrefixedAndSecure_WhenTheDeploymentIsHttpsOnly()
    {
        await using var factory = new FrontendFactory(fixture, ClientWritableTestKeys.Settings(new Dictionary<string, string> { ["SessionCookie:SecurePolicy"] = "Always" }));
        using var client = factory.CreateSessionClient(https: true);

        var page = await client.GetAsync("/login");

        var cookie = Assert.Single(SessionClient.SetCookies(page), c => c.Name.Value!.Contains("Antiforgery", StringComparison.Ordinal));
        Assert.StartsWith("__Host-.AspNetCore.Antiforgery.", cookie.Name.Value, StringComparison.Ordinal);
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/", cookie.Path.Value);
        Assert.Null(cookie.Domain.Value);
    }

    [Fact]
    public async Task TheAntiforgeryCookie_KeepsItsName_WhereTheAppAlsoAnswersPlainHttp()
    {
        await using var factory = new FrontendFactory(fixture, ClientWritableTestKeys.Settings());
        using var client = factory.CreateSessionClient();

        var page = await client.GetAsync("/login");

        var cookie = Assert.Single(SessionClient.SetCookies(page), c => c.Name.Value!.Contains("Antiforgery", StringComparison.Ordinal));
        Assert.StartsWith(".AspNetCore.Antiforgery.", cookie.Name.Value, StringComparison.Ordinal);
        Assert.False(cookie.Secure);
    }
}
