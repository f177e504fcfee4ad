using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sessions.Configuration;

namespace Sessions.AspNetCore;

public static class OrleansSessionServiceCollectionExtensions
{
    /// <summary>
    /// Makes <c>HttpContext.Session</c> run on Orleans session grains, behind <c>app.UseOrleansSessions()</c> or the stock
    /// <c>app.UseSession()</c>: replace <c>AddSession()</c> (and its distributed cache) with this one call; settings made
    /// on <see cref="SessionOptions"/> in code still apply (see <see cref="SessionCookieOptions"/>). Needs an
    /// <see cref="IGrainFactory"/> (<c>AddSessionsClient()</c>, or a co-hosted silo) and, outside Development, the
    /// session-key secret: <c>SessionGrainKey:Secret</c> (the same on every instance) or an
    /// <see cref="ISessionKeySecretStore"/> (<c>AddSessionsPostgresKeyRing()</c> of GrainSessions.Storage); without either
    /// the start fails naming the key. Limits answer 429 problem+json with <c>Retry-After</c>: by
    /// <c>UseOrleansSessions()</c> itself, or behind the stock <c>UseSession()</c> by the app's
    /// <c>app.UseExceptionHandler()</c>, through the <see cref="Microsoft.AspNetCore.Diagnostics.IExceptionHandler"/> registered here.
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
        services.TryAddSingleton<SessionSecrets>();
        services.TryAddSingleton<SecretRolloverMoves>();
        services.AddHostedService<SessionSecretsLoader>();
        services.AddSessionLimits();
        services.AddDataProtection();
        services.AddHttpContextAccessor();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<SessionCookieOptions>, StockSessionOptionsMapping>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OrleansSessionOptions>, StockSessionOptionsMapping>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionOptions>, StockSessionOptionsValidator>());
        services.AddOptions<SessionOptions>().ValidateOnStart();
        services.TryAddSingleton<SessionCookie>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AntiforgeryOptions>, AntiforgeryCookieHardening>());
        services.TryAddSingleton<SessionGrains>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SessionCallPolicy>();
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.SectionName);
        services.TryAddSingleton<SessionCreationLimiter>();
        services.AddValidatedOptions<SessionIdSignalsOptions, SessionIdSignalsOptionsValidator>(SessionIdSignalsOptions.SectionName);
        services.TryAddSingleton<SessionIdSignals>();
        services.AddValidatedOptions<ReadLeaseOptions, ReadLeaseOptionsValidator>(ReadLeaseOptions.SectionName);
        services.TryAddKeyedSingleton(ReadLeaseOptions.TimeProviderKey, TimeProvider.System);
        services.TryAddSingleton<SessionLeaseCache>();
        services.TryAddSingleton<SessionLeaseHolder>();
        services.TryAddSingleton<LeasedSessionLoads>();
        services.AddHostedService<SessionAccessReporter>();
        services.TryAddSingleton<OrleansSessionFactory>();
        services.AddSingleton<ISessionStore, OrleansSessionStore>();
        services.AddValidatedOptions<FrontendOptions, FrontendOptionsValidator>(FrontendOptions.SectionName);
        // The REST API's two audiences, mapped only when the app asks (MapSessionEndpoints, MapSessionServerEndpoints).
        services.AddValidatedOptions<SessionApiOptions, SessionApiOptionsValidator>(SessionApiOptions.SectionName);
        services.AddValidatedOptions<SessionServerApiOptions, SessionServerApiOptionsValidator>(SessionServerApiOptions.SectionName);
        services.TryAddSingleton<ClientWritableKeys>();
        services.AddValidatedOptions<CrossSiteOptions, CrossSiteOptionsValidator>(CrossSiteOptions.SectionName);
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(AuthOptions.SectionName); // RequireFreshAuthentication()
        services.TryAddSingleton<CrossSiteRequestJudge>();
        services.AddValidatedOptions<AnalyticsOptions, AnalyticsOptionsValidator>(AnalyticsOptions.SectionName);
        // Embedded mode: the co-hosted silo is there from the start. AddSessionsClient() registers a pending one first.
        services.TryAddSingleton(ClusterConnection.AlwaysConnected());
        // Limits, refused writes and an unreachable cluster answer problem+json (429 with Retry-After, 4xx, 503) behind
        // app.UseExceptionHandler(), also where the stock UseSession() runs the session inside the app's handler.
        services.AddProblemDetails();
        services.AddExceptionHandler<SessionExceptionHandler>();
        services.TryAddSingleton<SessionExceptionHandler>(); // UseOrleansSessions() answers them itself, with the same mapping
        return services;
    }
}
