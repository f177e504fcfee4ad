using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Sessions.Grains;

public static class SessionStateStoreServiceCollectionExtensions
{
    /// <summary>
    /// Makes <paramref name="create"/>'s store the one all session grains of this silo keep their records in, behind the
    /// translation of storage failures to <see cref="SessionStorageException"/>. A later call replaces an earlier one.
    /// </summary>
    public static IServiceCollection AddSessionStateStore(this IServiceCollection services, Func<IServiceProvider, ISessionStateStore> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        services.RemoveAll<ISessionStateStore>();
        services.AddSingleton<ISessionStateStore>(sp =>
            new FailureTranslatingSessionStateStore(create(sp), sp.GetRequiredService<ILogger<ISessionStateStore>>()));
        return services;
    }
}
