using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sessions.AspNetCore;

public static class SessionTicketStoreExtensions
{
    /// <summary>
    /// Keeps the tickets of the cookie authentication scheme <paramref name="scheme"/> in session grains
    /// (<see cref="SessionTicketStore"/>), whose IDs renew like cookie sessions' and whose users an
    /// <see cref="ISessionPrincipalValidator"/> re-validates. Call it after <c>AddCookie()</c>: it
    /// wraps the scheme's ticket format and its <c>OnValidatePrincipal</c> (an app that sets <c>EventsType</c> instead of
    /// <c>Events</c> gets no ID renewal). Needs <c>AddOrleansSessions()</c> (or <c>AddSessionFrontend()</c>).
    /// </summary>
    public static IServiceCollection AddSessionTicketStore(
        this IServiceCollection services, string scheme = CookieAuthenticationDefaults.AuthenticationScheme)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton<SessionTicketStore>();
        services.TryAddSingleton<SessionTicketValidation>();
        services.AddOptions<CookieAuthenticationOptions>(scheme)
            .Configure<SessionTicketStore>((options, store) => options.SessionStore = store)
            .PostConfigure<SessionTicketValidation, IHttpContextAccessor>((options, validation, http) =>
            {
                // ID renewal and principal re-validation; the handler re-issues the cookie with the key it read, the format writes the new one.
                options.TicketDataFormat = new SessionTicketDataFormat(
                    options.TicketDataFormat ?? throw new InvalidOperationException("Call AddSessionTicketStore() after AddCookie()."), http);
                var validate = options.Events.OnValidatePrincipal;
                options.Events.OnValidatePrincipal = async context =>
                {
                    await validate(context);
                    if (context.Principal is not null)
                    {
                        await validation.ValidateAsync(context);
                    }
                };
            });
        return services;
    }
}
