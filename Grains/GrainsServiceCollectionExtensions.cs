using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sessions.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the session grains need: expiry, persistence, purge and limit options (validated at start) and a
    /// clock.
    /// </summary>
    public static IServiceCollection AddSessionGrains(this IServiceCollection services)
    {
        services.AddOptions<SessionExpiryOptions>()
            .BindConfiguration(SessionExpiryOptions.SectionName)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero, "SessionExpiry:IdleTimeout must be positive.")
            .Validate(o => o.AbsoluteLifetime > TimeSpan.Zero, "SessionExpiry:AbsoluteLifetime must be positive.")
            .Validate(o => o.LastAccessPersistFraction is > 0 and <= 1,
                "SessionExpiry:LastAccessPersistFraction must be in (0, 1].")
            .ValidateOnStart();
        services.AddOptions<SessionPersistenceOptions>()
            .BindConfiguration(SessionPersistenceOptions.SectionName)
            .Validate(o => Enum.IsDefined(o.WriteMode), "SessionPersistence:WriteMode must be WriteThrough or WriteBehind.")
            .Validate(o => o.WriteBehindInterval > TimeSpan.Zero, "SessionPersistence:WriteBehindInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<SessionPurgeOptions>()
            .BindConfiguration(SessionPurgeOptions.SectionName)
            .Validate(o => o.Interval > TimeSpan.Zero, "SessionPurge:Interval must be positive.")
            .Validate(o => o.BatchSize > 0, "SessionPurge:BatchSize must be positive.")
            .Validate(o => o.Grace >= TimeSpan.Zero, "SessionPurge:Grace must not be negative.")
            .ValidateOnStart();
        services.AddSessionLimits();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
