using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>How session ids become grain keys. Bound from the <c>SessionGrainKey</c> configuration section.</summary>
/// <remarks>
/// Session grains, and so their storage rows and Orleans' own log lines, are keyed by HMAC-SHA256 of the session id
/// under this secret, never by the id: a log or a database dump holds no usable session id. Every frontend of a
/// deployment must use the same secret; changing it ends every session.
/// </remarks>
[ConfigurationSection(SectionName, ConfigurationReaders.Frontend)]
public sealed class SessionGrainKeyOptions
{
    public const string SectionName = "SessionGrainKey";

    /// <summary>Base64 secret (at least 32 bytes) session ids are hashed with; unset: kept with the cookie key ring (PostgreSQL or its folder) when one is registered, else generated per process in Development only; elsewhere the start fails. Changing it ends every session.</summary>
    public string? Secret { get; set; }
}
