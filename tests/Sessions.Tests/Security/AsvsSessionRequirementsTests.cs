using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Sessions.Tests.Security;

/// <summary>
/// OWASP ASVS 5.0 V7 (session management) and V3.3 (cookies), one test per requirement that Sessions meets; each is
/// named after its requirement (docs/security.md maps them). Login-related ones (V7.1.2, V7.2.4, V7.3.2, V7.4.2 to
/// V7.4.5, V7.5.2) live beside the login tests.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class AsvsSessionRequirementsTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task V7_2_1_AForgedOrAlteredCookie_IsVerifiedByTheBackend_AndNeverReachesASessionGrain()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var browser = frontend.Client();
        await browser.PutTextAsync("/api/session/items/cart", "1 book");
        var (name, value) = Split(browser.Cookie!);
        var bytes = WebEncoders.Base64UrlDecode(value);
        bytes[5] ^= 1; // another id under the old tag
        var forged = new[]
        {
            WebEncoders.Base64UrlEncode(bytes),
            value[..^2] + (value[^2] == 'A' ? "B" : "A") + value[^1], // altered tag
            WebEncoders.Base64UrlEncode(new byte[49]),
            WebEncoders.Base64UrlEncode(new byte[53]),
            "not a cookie",
        };
        var calls = cluster.Calls.SessionGrainCalls;

        foreach (var cookie in forged)
        {
            using var attacker = frontend.WithCookie($"{name}={cookie}");
            Assert.Equal(HttpStatusCode.NotFound, (await attacker.GetAsync("/api/session/items/cart")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetAsync("/api/me")).StatusCode);
        }

        Assert.Equal(calls, cluster.Calls.SessionGrainCalls);
    }

    [Fact]
    public async Task V7_2_2_AndV7_2_3_TokensAreGeneratedPerSession_256RandomBitsEach_NeverRepeated()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 64; i++)
        {
            using var browser = frontend.Client();
            await browser.PutTextAsync("/api/session/items/n", "1");
            var bytes = WebEncoders.Base64UrlDecode(Split(browser.Cookie!).Value);
            Assert.Equal(1 + 4 + 32 + 16, bytes.Length); // version, key id of the secret, 256-bit id, 128-bit tag: no user data
            Assert.True(ids.Add(Convert.ToHexString(bytes, 1 + 4, 32)));
        }

        // 64 x 256 random bits: every bit position takes both values (a constant or counter-based id would not).
        var columns = Enumerable.Range(0, 256).Select(bit => ids.Select(id => (Convert.FromHexString(id)[bit / 8] >> (bit % 8)) & 1).Distinct().Count());
        Assert.True(columns.Count(c => c == 2) > 250);
    }

    [Fact]
    public async Task V7_3_1_InactivityTimeout_EndsTheSessionWhileItsGrainIsStillActive()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var browser = await frontend.SignedInAsync(frontend.Users[0]);
        await browser.PutTextAsync("/api/session/items/cart", "1 book");
        var idle = new SessionExpiryOptions().IdleTimeout;

        cluster.Time.Advance(idle - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/session/items/cart")).StatusCode); // sliding

        cluster.Time.Advance(idle + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/api/session/items/cart")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task V7_4_1_RequestsInFlightDuringLogout_CannotResurrectTheSession()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        for (var round = 0; round < 10; round++)
        {
            using var browser = await frontend.SignedInAsync(frontend.Users[0]);
            var cookie = browser.Cookie!;
            using var tab = frontend.WithCookie(cookie);

            var writes = Enumerable.Range(0, 4).Select(i => tab.PutTextAsync($"/api/session/items/k{i}", "late write"));
            await Task.WhenAll([.. writes, browser.PostAsync("/api/auth/logout")]);

            using var replay = frontend.WithCookie(cookie);
            Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("/api/me")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await replay.GetAsync("/api/session/items/k0")).StatusCode);
        }
    }

    [Fact]
    public async Task V3_3_1_AndV3_3_3_OnHttps_TheCookieIsSecureAndHostPrefixed_OnHttpItIsNeverSecure()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var https = frontend.Factory.CreateSessionClient(https: true);
        using var http = frontend.Client();

        var secure = Assert.Single(SessionClient.SetCookies(await https.LoginAsync(frontend.Users[0])));
        var plain = Assert.Single(SessionClient.SetCookies(await http.LoginAsync(frontend.Users[0])));

        Assert.Equal("__Host-sid", secure.Name.ToString());
        Assert.True(secure.Secure);
        Assert.Equal("/", secure.Path.ToString());
        Assert.Null(secure.Domain.Value);
        Assert.Equal("sid", plain.Name.ToString());
        Assert.False(plain.Secure);
    }

    [Fact]
    public async Task V3_3_2_AndV3_3_4_TheCookieIsHttpOnlySameSiteLaxSessionScoped_AndNoBodyEchoesTheId()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var browser = frontend.Client();
        var login = await browser.LoginAsync(frontend.Users[0]);
        var cookie = Assert.Single(SessionClient.SetCookies(login));
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
        Assert.Null(cookie.Expires);
        Assert.Null(cookie.MaxAge);

        var value = cookie.Value.ToString();
        var id = WebEncoders.Base64UrlEncode(WebEncoders.Base64UrlDecode(value), 1 + 4, 32);
        var bodies = new List<string> { await login.Content.ReadAsStringAsync(Ct) };
        foreach (var path in new[] { "/api/me", "/api/me/sessions", "/api/session" })
        {
            bodies.Add(await (await browser.GetAsync(path)).Content.ReadAsStringAsync(Ct));
        }

        Assert.All(bodies, body =>
        {
            Assert.DoesNotContain(value, body, StringComparison.Ordinal);
            Assert.DoesNotContain(id, body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task V3_3_5_CookieNameAndValue_FitIn4096Bytes()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var browser = frontend.Factory.CreateSessionClient(https: true);

        var login = await browser.LoginAsync(frontend.Users[0]);

        var cookie = Assert.Single(SessionClient.SetCookies(login));
        Assert.InRange(cookie.Name.Length + 1 + cookie.Value.Length, 1, 4096);
    }

    [Fact]
    public async Task CheatSheet_TheIdIsAcceptedFromTheCookieOnly_NotFromQueryBodyOrOtherHeaders()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var browser = await frontend.SignedInAsync(frontend.Users[0]);
        var (name, value) = Split(browser.Cookie!);
        using var other = frontend.Client();

        var query = await other.GetAsync($"/api/me?{name}={value}");
        var header = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        header.Headers.Add("X-Session", value);
        header.Headers.Authorization = new("Bearer", value);
        var headers = await other.Http.SendAsync(header, Ct);
        var body = await other.SendAsync(HttpMethod.Post, "/api/auth/logout", JsonContent.Create(new Dictionary<string, string> { [name] = value }));

        Assert.Equal(HttpStatusCode.Unauthorized, query.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, headers.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, body.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode); // the logout above was not its
    }

    [Fact]
    public async Task CheatSheet_RenewTheIdOnPrivilegeChange_AReloginWithNewRolesRotatesAndCarriesThem()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1, admins: 1);
        using var browser = frontend.Client();
        await browser.PutTextAsync("/api/session/items/cart", "1 book");
        var anonymous = browser.Cookie;

        await browser.LoginAsync(frontend.Users[0]);
        var me = await AuthTestFrontend.MeAsync(browser);

        Assert.NotEqual(anonymous, browser.Cookie);
        Assert.Equal(["admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    private static (string Name, string Value) Split(string cookie)
    {
        var at = cookie.IndexOf('=', StringComparison.Ordinal);
        return (cookie[..at], cookie[(at + 1)..]);
    }
}
