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
            foreach (var setting in new[] { "IdleTimeout", "HttpOnly", "MaxAge", "Extensions" })
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

    // The built-in session honours these: its store owns expiry and it writes whatever cookie it is told to. With
    // Sessions the silo owns expiry (SessionExpiry:*) and the cookie carries a credential, so each would be ignored.
    [Theory]
    [MemberData(nameof(UnsupportedSettings))]
    public async Task SettingSessionsCannotHonour_StopsTheStart_NamingWhatToDoInstead(SessionStoreKind kind, string setting)
    {
        var (configure, expected) = setting switch
        {
            "IdleTimeout" => ((Action<Microsoft.AspNetCore.Builder.SessionOptions>)(s => s.IdleTimeout = TimeSpan.FromMinutes(30)),
                "SessionOptions.IdleTimeout is set to 00:30:00 in code, but with Sessions the silo ends idle sessions: set SessionExpiry:IdleTimeout instead."),
            "HttpOnly" => (s => s.Cookie.HttpOnly = false, "SessionOptions.Cookie.HttpOnly = false is not supported"),
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
