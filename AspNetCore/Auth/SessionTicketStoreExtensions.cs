using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sessions.AspNetCore;

public static class SessionTicketStoreExtensions
{
    /// <summary>
    /// Keeps the tickets of the cookie authentication scheme <paramref name="scheme"/> in session grains
    /// (<see cref="SessionTicketStore"/>). Needs <c>AddOrleansSessions()</c> (or <c>AddSessionFrontend()</c>).
    /// </summary>
    public static IServiceCollection AddSessionTicketStore(
        this IServiceCollection services, string scheme = CookieAuthenticationDefaults.AuthenticationScheme)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton<SessionTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(scheme)
            .Configure<SessionTicketStore>((options, store) => options.SessionStore = store);
        return services;
    }
}
