using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend.Session;

public static class OrleansSessionServiceCollectionExtensions
{
    /// <summary>
    /// Makes <c>app.UseSession()</c> and <c>HttpContext.Session</c> run on Orleans session grains: replace
    /// <c>AddSession()</c> (and its distributed cache) with this one call. Needs an <see cref="IGrainFactory"/>
    /// (an Orleans client or a co-hosted silo) and a shared data-protection key ring when several frontends run.
    /// </summary>
    public static IServiceCollection AddOrleansSessions(this IServiceCollection services, Action<OrleansSessionOptions>? configure = null)
    {
        var options = services.AddOptions<OrleansSessionOptions>()
            .BindConfiguration(OrleansSessionOptions.SectionName)
            .Validate(o => o.IOTimeout > TimeSpan.Zero, "Session:IOTimeout must be positive.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<SessionCookieOptions>()
            .BindConfiguration(SessionCookieOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Name) && o.Name.All(char.IsAsciiLetterOrDigit),
                "SessionCookie:Name must be letters and digits.")
            .ValidateOnStart();
        services.AddSessionLimits();
        services.AddDataProtection();
        services.AddHttpContextAccessor();
        services.TryAddSingleton<SessionCookie>();
        services.TryAddSingleton<SessionStoreContext>();
        services.AddSingleton<ISessionStore, OrleansSessionStore>();
        services.AddOptions<SessionOptions>().Configure<IOptions<OrleansSessionOptions>>(
            (session, orleans) => session.IOTimeout = orleans.Value.IOTimeout);
        return services;
    }
}
