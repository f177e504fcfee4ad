using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sessions.Grains.Interfaces.Configuration;

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
        services.AddValidatedOptions<OrleansSessionOptions, OrleansSessionOptionsValidator>(OrleansSessionOptions.SectionName);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddValidatedOptions<SessionCookieOptions, SessionCookieOptionsValidator>(SessionCookieOptions.SectionName);
        services.AddValidatedOptions<SessionGrainKeyOptions, SessionGrainKeyOptionsValidator>(SessionGrainKeyOptions.SectionName);
        services.TryAddSingleton<SessionGrainKeys>();
        services.AddHostedService<SessionGrainKeysLoader>();
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
