using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sessions.AspNetCore;

namespace Sessions.Tests.WebFrontend;

/// <summary>How <see cref="SessionOptions"/> set in code land on <c>SessionCookie:*</c>, <c>Session:IOTimeout</c> and <c>Session:IdleTimeout</c>.</summary>
public sealed class StockSessionOptionsMappingTests
{
    private static ServiceProvider Build(Action<SessionOptions> configure, Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        services.AddLogging();
        services.AddOrleansSessions();
        services.Configure(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void CookieSettingsInCode_LandOnSessionCookieOptions()
    {
        using var services = Build(session =>
        {
            session.Cookie.Name = "shop";
            session.Cookie.Path = "/shop";
            session.Cookie.Domain = "shop.example";
            session.Cookie.SameSite = SameSiteMode.None;
            session.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        }, new() { ["SessionCookie:AllowSameSiteNone"] = "true" });

        var cookie = services.GetRequiredService<IOptions<SessionCookieOptions>>().Value;

        Assert.Equal(("shop", "/shop", "shop.example", SameSiteMode.None, CookieSecurePolicy.Always),
            (cookie.Name, cookie.Path, cookie.Domain, cookie.SameSite, cookie.SecurePolicy));
    }

    [Fact]
    public void StockDefaults_LeaveTheConfigurationAsItIs()
    {
        using var services = Build(_ => { }, new() { ["SessionCookie:Name"] = "app", ["SessionCookie:Path"] = "/app" });

        var cookie = services.GetRequiredService<IOptions<SessionCookieOptions>>().Value;

        Assert.Equal(("app", "/app", string.Empty, SameSiteMode.Lax, CookieSecurePolicy.SameAsRequest),
            (cookie.Name, cookie.Path, cookie.Domain, cookie.SameSite, cookie.SecurePolicy));
    }

    [Fact]
    public void CookieNameInCode_ThatContradictsTheConfiguration_IsRefused()
    {
        using var services = Build(session => session.Cookie.Name = "shop", new() { ["SessionCookie:Name"] = "app" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SessionCookieOptions>>().Value);

        Assert.Equal(
            "SessionOptions.Cookie.Name is set to 'shop' in code and SessionCookie:Name to 'app' in configuration: set one of them.",
            failure.Message);
    }

    [Fact]
    public void IOTimeoutInCode_BecomesSessionIOTimeout()
    {
        using var services = Build(session => session.IOTimeout = TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(2), services.GetRequiredService<IOptions<OrleansSessionOptions>>().Value.IOTimeout);
    }

    [Fact]
    public void IdleTimeoutInCode_BecomesSessionIdleTimeout()
    {
        using var services = Build(session => session.IdleTimeout = TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(10), services.GetRequiredService<IOptions<OrleansSessionOptions>>().Value.IdleTimeout);
    }

    [Fact]
    public void IdleTimeoutLeftAtTheStockDefault_LeavesTheSilosDefault()
    {
        using var services = Build(_ => { });

        Assert.Null(services.GetRequiredService<IOptions<OrleansSessionOptions>>().Value.IdleTimeout);
    }

    [Fact]
    public void IdleTimeoutInCode_ThatContradictsTheConfiguration_IsRefused()
    {
        using var services = Build(session => session.IdleTimeout = TimeSpan.FromMinutes(5), new() { ["Session:IdleTimeout"] = "00:30:00" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OrleansSessionOptions>>().Value);

        Assert.Equal(
            "SessionOptions.IdleTimeout is set to '00:05:00' in code and Session:IdleTimeout to '00:30:00' in configuration: set one of them.",
            failure.Message);
    }
}
