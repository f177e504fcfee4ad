namespace Sessions.WebFrontend.Cookies;

/// <summary>The session cookie. Bound from the <c>SessionCookie</c> configuration section.</summary>
public sealed class SessionCookieOptions
{
    public const string SectionName = "SessionCookie";

    /// <summary>Cookie name; deliberately generic so it does not reveal the technology.</summary>
    public string Name { get; set; } = "sid";

    /// <summary>On HTTPS requests the cookie is named <c>__Host-{Name}</c> (Secure, Path=/, no Domain).</summary>
    public bool UseHostPrefixOnHttps { get; set; } = true;

    /// <summary>
    /// Folder of the cookie-protection key ring (relative to the content root). Every frontend of one deployment
    /// must share it, or cookies issued by one are "absent" on another. Empty keeps keys in memory only.
    /// </summary>
    public string KeyRingPath { get; set; } = Path.Combine("data", "keys");

    /// <summary>
    /// Keep the key ring in PostgreSQL instead (table <c>sessions_cookie_keys</c> of the Sessions schema). Defaults to
    /// <c>Frontend:PostgresConnectionString</c> when that is set, so the frontends of a cluster share one key ring.
    /// </summary>
    public string? KeyRingConnectionString { get; set; }
}
