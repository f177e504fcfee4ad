using Sessions.Grains.Interfaces.Configuration;

namespace Sessions.WebFrontend.Cookies;

/// <summary>The session cookie. Bound from the <c>SessionCookie</c> configuration section.</summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Frontend)]
public sealed class SessionCookieOptions
{
    public const string SectionName = "SessionCookie";

    /// <summary>The cookie name (letters and digits); deliberately generic so it does not reveal the technology.</summary>
    public string Name { get; set; } = "sid";

    /// <summary>On HTTPS requests name the cookie <c>__Host-{Name}</c> (Secure, Path=/, no Domain).</summary>
    public bool UseHostPrefixOnHttps { get; set; } = true;

    /// <summary>Folder of the cookie-protection key ring, relative to the content root, when it is not in PostgreSQL; empty keeps the keys in memory only.</summary>
    /// <remarks>
    /// Every frontend of one deployment must share the key ring, or cookies issued by one are "absent" on another: with
    /// <c>ConnectionStrings:Sessions</c> (or <c>ConnectionStrings:SessionsKeyRing</c>) set it lives in PostgreSQL and
    /// this folder is not used.
    /// </remarks>
    public string KeyRingPath { get; set; } = Path.Combine("data", "keys");
}
