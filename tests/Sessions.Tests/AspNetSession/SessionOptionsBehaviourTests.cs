using Microsoft.AspNetCore.Http;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.AspNetSession;

/// <summary>
/// <see cref="Microsoft.AspNetCore.Builder.SessionOptions"/> set in code, as existing apps do: what applies to the
/// session cookie applies to Sessions' cookie too, and what Sessions cannot honour stops the start instead of being
/// ignored. Also what the stock middleware costs per request.
/// </summary>
[Collection(ExpiryClusterCollection.Name)]
public sealed class SessionOptionsBehaviourTests(ClusterFixture fixture)
{
    public static TheoryData<SessionStoreKind, string> UnsupportedSettings()
    {
        var data = new TheoryData<SessionStoreKind, string>();
        foreach (var kind in new[] { SessionStoreKind.Orleans, SessionStoreKind.OrleansStockMiddleware })
        {
            foreach (var setting in new[] { "HttpOnly", "MaxAge", "Extensions" })
            {
                data.Add(kind, setting);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task CookieSettingsInCode_ApplyToTheSessionCookie(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture, session =>
        {
            session.Cookie.Name = ".Shop.Session";
            session.Cookie.Path = "/shop";
            session.Cookie.Domain = "shop.example";
            session.Cookie.SameSite = SameSiteMode.Strict;
            session.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        using var client = app.CreateClient();

        var first = await client.GetAsync("/set/a/1");

        var cookie = Assert.Single(SessionClient.SetCookies(first));
        Assert.Equal(".Shop.Session", cookie.Name.Value);
        Assert.Equal("/shop", cookie.Path.Value);
        Assert.Equal("shop.example", cookie.Domain.Value);
        Assert.Equal(SameSiteMode.Strict.ToString(), cookie.SameSite.ToString());
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Null(cookie.Expires);
        Assert.Null(cookie.MaxAge);
        Assert.Equal("1", await client.GetOkTextAsync("/get/a"));
    }

    // An app written from Microsoft's documentation sets the idle timeout in code; Sessions sends it with the write
    // that creates each session, and the grain ends the session after it (the silo's default is 20 minutes).
    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task IdleTimeoutInCode_IsTheIdleTimeoutOfTheAppsSessions(SessionStoreKind kind) =>
        await AssertFiveMinuteIdleTimeoutAsync(kind, coHosted: false);

    [Theory]
    [MemberData(nameof(SessionStoreKinds.Sessions), MemberType = typeof(SessionStoreKinds))]
    public async Task IdleTimeoutInCode_WithACoHostedSilo_IsTheIdleTimeoutOfTheAppsSessions(SessionStoreKind kind) =>
        await AssertFiveMinuteIdleTimeoutAsync(kind, coHosted: true);

    /// <summary>An app with <c>SessionOptions.IdleTimeout</c> of 5 minutes: its sessions are alive after 4 idle minutes and gone after 6.</summary>
    private async Task AssertFiveMinuteIdleTimeoutAsync(SessionStoreKind kind, bool coHosted)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture, session => session.IdleTimeout = TimeSpan.FromMinutes(5), coHosted);
        using var readAfterFour = app.CreateClient();
        using var readAfterSix = app.CreateClient();
        await readAfterFour.GetOkTextAsync("/set/cart/1");
        await readAfterSix.GetOkTextAsync("/set/cart/2");

        fixture.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("1", await readAfterFour.GetOkTextAsync("/get/cart"));
        fixture.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("(null)", await readAfterSix.GetOkTextAsync("/get/cart")); // 6 minutes idle
        Assert.Equal("1", await readAfterFour.GetOkTextAsync("/get/cart"));     // 2 minutes idle: the timeout slides
    }

    // The built-in session honours these: it writes whatever cookie it is told to. With Sessions the cookie carries a
    // credential, so each would be ignored.
    [Theory]
    [MemberData(nameof(UnsupportedSettings))]
    public async Task SettingSessionsCannotHonour_StopsTheStart_NamingWhatToDoInstead(SessionStoreKind kind, string setting)
    {
        var (configure, expected) = setting switch
        {
            "HttpOnly" => ((Action<Microsoft.AspNetCore.Builder.SessionOptions>)(s => s.Cookie.HttpOnly = false),
                "SessionOptions.Cookie.HttpOnly = false is not supported"),
            "MaxAge" => (s => s.Cookie.MaxAge = TimeSpan.FromDays(1), "SessionOptions.Cookie.MaxAge is not supported"),
            _ => (s => s.Cookie.Extensions.Add("Partitioned"), "SessionOptions.Cookie.Extensions are not supported"),
        };

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SessionTestApp.StartAsync(kind, fixture, configure));

        Assert.Contains(expected, StartupFailure.Describe(failure), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SessionStoreKind.BuiltIn, 3)]
    [InlineData(SessionStoreKind.OrleansStockMiddleware, 3)]
    [InlineData(SessionStoreKind.Orleans, 0)]
    public async Task RequestsWithoutTheStockCookie_EachDataProtectAFreshKey_UnlessUseOrleansSessions(SessionStoreKind kind, int expected)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();
        var before = app.DataProtection.Protects;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ok", await client.GetOkTextAsync("/nothing"));
        }

        Assert.Equal(expected, app.DataProtection.Protects - before);
    }
}
