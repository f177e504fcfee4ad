using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sessions.Grains.Interfaces.Configuration;

namespace Sessions.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the session grains need: expiry, persistence, purge and limit options (validated at start) and a
    /// clock.
    /// </summary>
    public static IServiceCollection AddSessionGrains(this IServiceCollection services)
    {
        services.AddValidatedOptions<SessionExpiryOptions, SessionExpiryOptionsValidator>(SessionExpiryOptions.SectionName);
        services.AddValidatedOptions<SessionPersistenceOptions, SessionPersistenceOptionsValidator>(SessionPersistenceOptions.SectionName);
        services.AddValidatedOptions<SessionPurgeOptions, SessionPurgeOptionsValidator>(SessionPurgeOptions.SectionName);
        services.AddSessionLimits();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
