using Microsoft.Extensions.DependencyInjection;
using Sessions.Configuration;

namespace Sessions.Configuration;

public static class SessionLimitsServiceCollectionExtensions
{
    /// <summary>Registers the session limits (shared by the grain and the frontend), validated at start.</summary>
    public static IServiceCollection AddSessionLimits(this IServiceCollection services) =>
        services.AddValidatedOptions<SessionLimitsOptions, SessionLimitsOptionsValidator>(SessionLimitsOptions.SectionName);
}
