using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Tests.Auth;

/// <summary>
/// ASVS 5.0 V7.2.4 (new token on authentication and re-authentication), fixation, and the renewal timeout: ID
/// rotation keeps the session's state and public identity while the old ID dies (at once, or after the grace).
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class LoginRotationTests(AuthClusterFixture cluster)
{
    private static readonly TimeSpan RenewalInterval = new AuthOptions().RenewalInterval;
    private static readonly TimeSpan RenewalGrace = new AuthOptions().RenewalGrace;

    [Fact]
    public async Task V7_2_4_NewIdOnAuthentication_PreLoginCartSurvives_OldIdDead_ReloginRotatesAgain()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var browser = frontend.Client();
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PutJsonAsync("/api/session/items/cart", """{"lines":[{"sku":"b1","qty":2}]}""")).StatusCode);
        var anonymous = browser.Cookie!;

        var login = await browser.LoginAsync(frontend.Users[0]);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var body = await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(frontend.Users[0], body.GetProperty("userId").GetString());
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > cluster.Time.GetUtcNow());
        var signedIn = browser.Cookie!;
        Assert.NotEqual(anonymous, signedIn);
        Assert.Equal("""{"lines":[{"sku":"b1","qty":2}]}""", await (await browser.GetAsync("/api/session/items/cart")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var attacker = frontend.WithCookie(anonymous); // the fixated, pre-login ID
        Assert.Equal(HttpStatusCode.NotFound, (await attacker.GetAsync("/api/session/items/cart")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync(frontend.Users[0])).StatusCode); // re-authentication

        Assert.NotEqual(signedIn, browser.Cookie);
        using var previous = frontend.WithCookie(signedIn);
        Assert.Equal(HttpStatusCode.Unauthorized, (await previous.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/session/items/cart")).StatusCode);
    }

    [Fact]
    public async Task V7_2_4_LoginAsAnotherUser_DoesNotCarryThePreviousUsersSession()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 2, settings: ClientWritableTestKeys.Pairs());
        using var browser = await frontend.SignedInAsync(frontend.Users[0]);
        await browser.PutTextAsync("/api/session/items/secret", "first user's");

        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync(frontend.Users[1])).StatusCode);

        Assert.Equal(frontend.Users[1], (await AuthTestFrontend.MeAsync(browser)).GetProperty("userId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/api/session/items/secret")).StatusCode);
        Assert.Empty(await cluster.Grains.GetGrain<IUserSessionsGrain>(frontend.Users[0]).ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Renewal_AfterTheInterval_NewId_OldWorksWithinGrace_ThenReplayEndsTheSessionAndIsLogged()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var browser = await frontend.SignedInAsync(frontend.Users[0]);
        await browser.PutTextAsync("/api/session/items/cart", "2 books");
        var handle = (await AuthTestFrontend.MeAsync(browser)).GetProperty("sessionHandle").GetString();
        var beforeRenewal = browser.Cookie!;

        cluster.Time.Advance(RenewalInterval + TimeSpan.FromSeconds(1));
        var me = await AuthTestFrontend.MeAsync(browser);

        Assert.NotEqual(beforeRenewal, browser.Cookie);
        Assert.Equal(handle, me.GetProperty("sessionHandle").GetString()); // one session across the rotation
        Assert.Equal("2 books", await (await browser.GetAsync("/api/session/items/cart")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var openTab = frontend.WithCookie(beforeRenewal);
        Assert.Equal(HttpStatusCode.OK, (await openTab.GetAsync("/api/me")).StatusCode); // within the grace
        Assert.Equal(beforeRenewal, openTab.Cookie); // and it is not handed another ID

        cluster.Time.Advance(RenewalGrace + TimeSpan.FromSeconds(1));
        var replays = cluster.SiloLogs.Entries.Count(e => e.EventId == 1203);
        Assert.Equal(HttpStatusCode.Unauthorized, (await openTab.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode); // the session is ended
        Assert.Equal(replays + 1, cluster.SiloLogs.Entries.Count(e => e.EventId == 1203));
        Assert.Empty(await cluster.Grains.GetGrain<IUserSessionsGrain>(frontend.Users[0]).ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Renewal_TwoConcurrentRequestsAcrossARotation_BothSucceed_AndEndOnOneNewId()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var browser = await frontend.SignedInAsync(frontend.Users[0]);
        var cookie = browser.Cookie!;
        cluster.Time.Advance(RenewalInterval + TimeSpan.FromSeconds(1));
        using var tab1 = frontend.WithCookie(cookie);
        using var tab2 = frontend.WithCookie(cookie);

        var responses = await Task.WhenAll(tab1.GetAsync("/api/me"), tab2.GetAsync("/api/me"));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var renewed = Assert.Single(responses.SelectMany(SessionClient.SetCookies)); // one of them rotated, the other followed
        using var after = frontend.WithCookie($"{renewed.Name}={renewed.Value}");
        var next = await after.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Empty(SessionClient.SetCookies(next)); // the new ID is current: no further rotation
        Assert.Single(await cluster.Grains.GetGrain<IUserSessionsGrain>(frontend.Users[0]).ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task V7_3_2_AbsoluteLifetime_HoldsAcrossRenewals_ForAContinuouslyActiveUser()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var browser = await frontend.SignedInAsync(frontend.Users[0]);
        var lifetime = new SessionExpiryOptions().AbsoluteLifetime;
        var step = TimeSpan.FromMinutes(14);
        var elapsed = TimeSpan.Zero;
        var cookies = new HashSet<string> { browser.Cookie! };

        while (elapsed + step < lifetime)
        {
            cluster.Time.Advance(step);
            elapsed += step;
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
            cookies.Add(browser.Cookie!);
        }

        cluster.Time.Advance(lifetime - elapsed);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.True(cookies.Count > 50, $"only {cookies.Count} IDs in a day of use: renewal did not run");
    }

    [Fact]
    public async Task BadCredentials_Answer401ProblemJson_ForUnknownUsersAndWrongPasswordsAlike()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var client = frontend.Client();

        var wrongPassword = await client.LoginAsync(frontend.Users[0], "not-it");
        var unknownUser = await client.LoginAsync("nobody-" + Guid.NewGuid().ToString("N"), "whatever");

        foreach (var response in new[] { wrongPassword, unknownUser })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Empty(SessionClient.SetCookies(response));
        }

        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) is var first ? Detail(first) : null, Detail(await unknownUser.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Logout_EndsTheSessionServerSide_AndClearsTheCookie()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var browser = await frontend.SignedInAsync(frontend.Users[0]);
        var cookie = browser.Cookie!;

        var logout = await browser.PostAsync("/api/auth/logout");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var cleared = Assert.Single(SessionClient.SetCookies(logout));
        Assert.True(cleared.Expires < DateTimeOffset.UtcNow);
        using var stolen = frontend.WithCookie(cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/me")).StatusCode);
        Assert.Empty(await cluster.Grains.GetGrain<IUserSessionsGrain>(frontend.Users[0]).ListAsync(TestContext.Current.CancellationToken));
    }

    private static string? Detail(string problem) => JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString();
}
