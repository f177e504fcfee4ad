using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Sessions.Configuration;

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
        services.AddValidatedOptions<SessionActivationOptions, SessionActivationOptionsValidator>(SessionActivationOptions.SectionName);
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<SessionActivationOptions>>((collection, activation) =>
        {
            // Orleans collects idle activations every quantum, and refuses an age limit that is not above it.
            var idle = activation.Value.IdleDeactivation;
            collection.ClassSpecificCollectionAge[typeof(SessionGrain).FullName!] = idle;
            if (idle <= collection.CollectionQuantum)
            {
                collection.CollectionQuantum = idle / 2;
            }
        });
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(AuthOptions.SectionName);
        services.AddValidatedOptions<LoginThrottleOptions, LoginThrottleOptionsValidator>(LoginThrottleOptions.SectionName);
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<LoginThrottleOptions>>((collection, throttle) =>
        {
            var idle = throttle.Value.IdleDeactivation;
            collection.ClassSpecificCollectionAge[typeof(LoginThrottleGrain).FullName!] = idle;
            if (idle <= collection.CollectionQuantum)
            {
                collection.CollectionQuantum = idle / 2;
            }
        });
        services.AddSessionLimits();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TimeProvider>(
            SessionEpoch.TimeProviderKey, static (sp, _) => sp.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.SystemTimers));
        services.TryAddSingleton<SessionEpoch>();
        services.AddMetrics();
        services.TryAddSingleton<SessionMetrics>();
        services.TryAddSingleton<SiloPageViews>();
        services.TryAddSingleton<SessionActivations>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SessionShutdownMigration>();
        services.AddValidatedOptions<AnalyticsOptions, AnalyticsOptionsValidator>(AnalyticsOptions.SectionName);
        services.AddSessionEventSubscriber<VisitAnalyticsSubscriber>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SessionEpochRefresher>();
        services.TryAddSingleton(sp =>
        {
            var activation = sp.GetRequiredService<IOptions<SessionActivationOptions>>().Value;
            return new SessionAdmission(activation.MaxActiveSessions, activation.MaxActiveSessionBytes);
        });
        services.AddValidatedOptions<ReadLeaseOptions, ReadLeaseOptionsValidator>(ReadLeaseOptions.SectionName);
        services.TryAddKeyedSingleton(ReadLeaseOptions.TimeProviderKey, TimeProvider.System);
        services.TryAddSingleton<SessionLeaseSettings>();
        services.TryAddSingleton(static _ => new SiloMembership()); // off unless AddSiloMembershipConfirmation
        services.TryAddSingleton<SessionGrainSettings>();
        return services;
    }
}
