using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// Gives the app's antiforgery cookie the session cookie's protections where the deployment is HTTPS only
/// (<c>SessionCookie:SecurePolicy=Always</c>, or every address the server listens on is <c>https</c>): the
/// <c>__Host-</c> prefix, <c>Secure</c>, <c>Path=/</c>, no <c>Domain</c>, so a sibling subdomain or a plain-HTTP
/// response cannot plant or overwrite it (cookie tossing). A name the app chose itself is left as it is.
/// </summary>
/// <remarks>
/// The antiforgery cookie has one name for every request, unlike the session cookie: where the same app also answers
/// plain HTTP, a <c>__Host-</c> cookie would be refused by browsers there, so the name stays unprefixed.
/// </remarks>
internal sealed class AntiforgeryCookieHardening(IOptions<SessionCookieOptions> sessionCookie, IServiceProvider services)
    : IPostConfigureOptions<AntiforgeryOptions>
{
    public const string HostPrefix = "__Host-";

    private const string DefaultNameStart = ".AspNetCore.Antiforgery.";

    public void PostConfigure(string? name, AntiforgeryOptions options)
    {
        var cookie = options.Cookie;
        if (cookie.Name is not { } cookieName || !cookieName.StartsWith(DefaultNameStart, StringComparison.Ordinal) || !IsHttpsOnly())
        {
            return;
        }

        cookie.Name = HostPrefix + cookieName;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Path = "/";
        cookie.Domain = null;
    }

    private bool IsHttpsOnly()
    {
        if (sessionCookie.Value.SecurePolicy == CookieSecurePolicy.Always)
        {
            return true;
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses is { Count: > 0 }
            && addresses.All(address => address.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
    }
}
