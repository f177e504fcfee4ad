using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

public static class LoginAttemptThrottleServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LoginAttemptThrottle"/>, the cluster-shared login throttle, with its <c>LoginThrottle</c>
    /// options (validated at start). Needs <c>AddOrleansSessions()</c> (or <c>AddSessionFrontend()</c>) and an
    /// <see cref="IGrainFactory"/>; the silo reads the budgets from the same section.
    /// </summary>
    public static IServiceCollection AddLoginAttemptThrottle(this IServiceCollection services)
    {
        services.AddValidatedOptions<LoginThrottleOptions, LoginThrottleOptionsValidator>(LoginThrottleOptions.SectionName);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ThrottledLoginLog>();
        services.TryAddSingleton(provider => new LoginAttemptThrottle(
            provider.GetRequiredService<IGrainFactory>(),
            provider.GetRequiredService<SessionSecrets>(),
            provider.GetRequiredService<IOptions<LoginThrottleOptions>>(),
            provider.GetRequiredService<ThrottledLoginLog>(),
            provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        return services;
    }
}
