using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sessions.Configuration;

namespace Sessions.WebFrontend.Auth;

public static class AuthHostingExtensions
{
    /// <summary>
    /// Login on sessions: the credential validator (configured users unless the app registered its own
    /// <see cref="ICredentialValidator"/>; then also their principal re-validation, <see cref="ConfiguredPrincipalValidator"/>),
    /// the cluster-shared login throttle (<see cref="LoginAttemptThrottle"/>) and the per-address login rate limit.
    /// </summary>
    public static IServiceCollection AddSessionLogin(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(AuthOptions.SectionName);
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, ConfiguredUsersValidator>());
        if (!services.Any(service => service.ServiceType == typeof(ICredentialValidator)))
        {
            // The configured users are the source of truth for sessions too; an app with its own user store brings its own check.
            services.AddSingleton<ICredentialValidator, ConfiguredUserValidator>();
            services.TryAddSingleton<ISessionPrincipalValidator, ConfiguredPrincipalValidator>();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddLoginAttemptThrottle();
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
}
