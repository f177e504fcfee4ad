using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>The session cookie. Bound from the <c>SessionCookie</c> configuration section.</summary>
/// <remarks>
/// An app that sets <c>SessionOptions.Cookie</c> in code (name, path, domain, <c>SameSite</c>, <c>SecurePolicy</c>) sets
/// these same options: what it sets there lands here, and a value configured here as well that differs stops the start.
/// The cookie is always <c>HttpOnly</c> and has no expiry.
/// </remarks>
[ConfigurationSection(SectionName, ConfigurationReaders.Frontend)]
public sealed class SessionCookieOptions
{
    public const string SectionName = "SessionCookie";

    /// <summary>
    /// The cookie name (letters, digits, <c>-</c>, <c>_</c> and <c>.</c>); deliberately generic by default so it does not
    /// reveal the technology. <c>SessionOptions.Cookie.Name</c> set in code lands here.
    /// </summary>
    public string Name { get; set; } = "sid";

    /// <summary>
    /// On HTTPS requests prefix the cookie name: <c>__Host-{Name}</c> (Secure, Path=/, no Domain), or <c>__Secure-{Name}</c>
    /// when <c>Path</c> or <c>Domain</c> is set.
    /// </summary>
    public bool UseHostPrefixOnHttps { get; set; } = true;

    /// <summary>The cookie's <c>Path</c>. <c>SessionOptions.Cookie.Path</c> set in code lands here.</summary>
    public string Path { get; set; } = "/";

    /// <summary>The cookie's <c>Domain</c>; empty sends none (host-only). <c>SessionOptions.Cookie.Domain</c> set in code lands here.</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>The cookie's <c>SameSite</c>: <c>Lax</c>, <c>Strict</c> or <c>None</c>. <c>SessionOptions.Cookie.SameSite</c> set in code lands here.</summary>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>Allows `SameSite=None`: the browser then sends the session cookie with every cross-site request, so only cross-site request refusal (docs/security.md) stands between another site and the user's session. Off: `None` refuses to start.</summary>
    public bool AllowSameSiteNone { get; set; }

    /// <summary>
    /// When the cookie is <c>Secure</c>: <c>SameAsRequest</c> (on HTTPS requests) or <c>Always</c> (e.g. behind a proxy that
    /// ends TLS). <c>SessionOptions.Cookie.SecurePolicy</c> set in code lands here.
    /// </summary>
    public CookieSecurePolicy SecurePolicy { get; set; } = CookieSecurePolicy.SameAsRequest;

    /// <summary>
    /// Empty (the default): the session ID travels in the cookie only. A header name (e.g. `X-Session-Id`): it travels in
    /// that request header and is returned in that response header instead (an empty value when the session ends), for
    /// native and mobile clients; the cookie is then neither read nor set. This gives up the cookie's protections
    /// (`HttpOnly`, `SameSite`, `Secure`) and gains no CSRF exposure: see docs/security.md.
    /// </summary>
    public string HeaderName { get; set; } = string.Empty;

    /// <summary>Folder of the cookie-protection key ring, relative to the content root, when it is not in PostgreSQL; empty keeps the keys in memory only.</summary>
    /// <remarks>
    /// Every frontend of one deployment must share the key ring, or cookies issued by one are "absent" on another: with
    /// <c>ConnectionStrings:Sessions</c> (or <c>ConnectionStrings:SessionsKeyRing</c>) set it lives in PostgreSQL and
    /// this folder is not used.
    /// </remarks>
    public string KeyRingPath { get; set; } = System.IO.Path.Combine("data", "keys");
}
