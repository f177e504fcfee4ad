using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend.Cookies;

/// <summary>
/// Reads and writes the session cookie. Its value is the session id authenticated (and encrypted) with the
/// data-protection key ring, so a forged, tampered or foreign cookie reads as absent and never reaches the cluster.
/// </summary>
public sealed class SessionCookie(IDataProtectionProvider dataProtection, IOptions<SessionCookieOptions> options)
{
    public const int IdBytes = 32;

    // Protecting 32 bytes yields about 155 characters; anything far longer is not ours and is not worth decrypting.
    private const int MaxCookieLength = 512;

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Sessions.SessionCookie.v1");
    private readonly SessionCookieOptions _options = options.Value;
    private readonly string _httpsName = HttpsName(options.Value);

    /// <summary>A new session id: 256 bits from a CSPRNG, base64url.</summary>
    public static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(IdBytes));

    public string NameFor(HttpRequest request) => request.IsHttps ? _httpsName : _options.Name;

    public bool TryRead(HttpRequest request, out string sessionId)
    {
        sessionId = string.Empty;
        var value = request.Cookies[NameFor(request)];
        if (string.IsNullOrEmpty(value) || value.Length > MaxCookieLength)
        {
            return false;
        }

        try
        {
            var id = _protector.Unprotect(WebEncoders.Base64UrlDecode(value));
            if (id.Length != IdBytes)
            {
                return false;
            }

            sessionId = WebEncoders.Base64UrlEncode(id);
            return true;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return false;
        }
    }

    public void Issue(HttpResponse response, string sessionId)
    {
        var value = WebEncoders.Base64UrlEncode(_protector.Protect(WebEncoders.Base64UrlDecode(sessionId)));
        response.Cookies.Append(NameFor(response.HttpContext.Request), value, CreateCookieOptions(response.HttpContext.Request));
        NoStore(response);
    }

    public void Clear(HttpResponse response)
    {
        response.Cookies.Delete(NameFor(response.HttpContext.Request), CreateCookieOptions(response.HttpContext.Request));
        NoStore(response);
    }

    // A response that sets or clears the session cookie must never be cached and replayed to someone else.
    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
    }

    // A __Host- cookie must be Secure, for Path=/ and without Domain; __Secure- only needs Secure.
    private static string HttpsName(SessionCookieOptions options) => options switch
    {
        { UseHostPrefixOnHttps: false } => options.Name,
        { Path: "/", Domain: "" } => "__Host-" + options.Name,
        _ => "__Secure-" + options.Name,
    };

    // Session cookie (no Expires): the browser drops it when closed; the server enforces the timeouts.
    private CookieOptions CreateCookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = _options.SameSite,
        Path = _options.Path,
        Domain = _options.Domain.Length == 0 ? null : _options.Domain,
        Secure = request.IsHttps || _options.SecurePolicy == CookieSecurePolicy.Always,
        IsEssential = true,
    };
}
