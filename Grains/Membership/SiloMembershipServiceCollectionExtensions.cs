using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sessions.Grains;

public static class SiloMembershipServiceCollectionExtensions
{
    /// <summary>
    /// Makes this silo serve its sessions only while it confirmed within <paramref name="window"/> that the cluster
    /// counts it a member (see <see cref="SiloMembership"/>): for clusters whose silos can be declared dead and replaced
    /// (membership in a table). Call before <see cref="GrainsServiceCollectionExtensions.AddSessionGrains"/> or after:
    /// this registration wins.
    /// </summary>
    public static IServiceCollection AddSiloMembershipConfirmation(this IServiceCollection services, TimeSpan window)
    {
        services.RemoveAll<SiloMembership>();
        services.AddSingleton(sp => new SiloMembership(
            window, sp.GetRequiredKeyedService<TimeProvider>(ReadLeaseOptions.TimeProviderKey), sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloMembershipConfirmer>();
        return services;
    }
}
