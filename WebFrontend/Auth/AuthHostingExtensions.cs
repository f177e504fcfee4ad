using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sessions.Grains.Interfaces.Configuration;

namespace Sessions.WebFrontend.Auth;

public static class AuthHostingExtensions
{
    /// <summary>
    /// Login on sessions: the credential validator (configured users unless the app registered its own
    /// <see cref="ICredentialValidator"/>), the failed-login backoff and the per-address login rate limit.
    /// </summary>
    public static IServiceCollection AddSessionLogin(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(AuthOptions.SectionName);
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.SectionName);
        services.TryAddSingleton<ICredentialValidator, ConfiguredUserValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LoginThrottle>();
        services.TryAddSingleton<SessionLoginFlow>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(AuthEndpoints.LoginRateLimitPolicy, http =>
            {
                var permits = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.LoginsPerMinute;
                return permits == 0
                    ? RateLimitPartition.GetNoLimiter("none")
                    : RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(http), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
            });
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                throw new RateLimitedException("Too many login attempts from this client address; retry later.", retryAfter);
            };
        });
        return services;
    }

    /// <summary>
    /// Believes <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> from <c>Frontend:KnownProxies</c> only (nothing when
    /// none is configured), then applies the rate limits. Runs first, so every later step sees the client's address.
    /// </summary>
    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<FrontendOptions>>().Value.KnownProxies;
        if (proxies.Count == 0)
        {
            return app;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        return app.UseForwardedHeaders(forwarded);
    }

    /// <summary>The <c>Retry-After</c> header value (whole seconds, at least 1) for a wait.</summary>
    internal static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
