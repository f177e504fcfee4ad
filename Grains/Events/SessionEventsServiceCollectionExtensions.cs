using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Grains;

public static class SessionEventsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TSubscriber"/> to the subscribers of session lifecycle events (a singleton in each silo;
    /// the silo that runs the dispatcher calls it). Register it on every silo.
    /// </summary>
    public static IServiceCollection AddSessionEventSubscriber<TSubscriber>(this IServiceCollection services)
        where TSubscriber : class, ISessionEventSubscriber
    {
        services.AddSingleton<ISessionEventSubscriber, TSubscriber>();
        return services;
    }
}
