using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Grains.Interfaces;

public static class SessionLimitsServiceCollectionExtensions
{
    /// <summary>Registers the session limits (shared by the grain and the frontend), validated at start.</summary>
    public static IServiceCollection AddSessionLimits(this IServiceCollection services)
    {
        services.AddOptions<SessionLimitsOptions>()
            .BindConfiguration(SessionLimitsOptions.SectionName)
            .Validate(o => o.MaxKeyLength > 0, "SessionLimits:MaxKeyLength must be positive.")
            .Validate(o => o.MaxValueBytes > 0, "SessionLimits:MaxValueBytes must be positive.")
            .Validate(o => o.MaxSessionBytes >= o.MaxValueBytes, "SessionLimits:MaxSessionBytes must be at least MaxValueBytes.")
            .Validate(o => o.MaxKeys > 0, "SessionLimits:MaxKeys must be positive.")
            .ValidateOnStart();
        return services;
    }
}
