using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>
/// What the browser-facing REST API (<c>MapSessionEndpoints()</c>, <c>/api/session</c>) may read and write. Bound from
/// the <c>SessionApi</c> configuration section.
/// </summary>
/// <remarks>
/// Nothing is client-writable by default: a key the app keeps through <c>HttpContext.Session</c> or the server API is
/// neither visible nor writable there unless it is declared here. Never declare a key whose value the server trusts
/// (prices, totals, roles, the step of a flow).
/// </remarks>
[ConfigurationSection(SectionName, ConfigurationReaders.Frontend)]
public sealed class SessionApiOptions
{
    public const string SectionName = "SessionApi";

    /// <summary>Keys the browser-facing API (`/api/session`) may read, write, delete and increment; any other key answers 404 (read) or 403 (write) problem+json. Empty: none.</summary>
    public List<string> ClientWritableKeys { get; set; } = [];

    /// <summary>Key prefixes the browser-facing API may read and write, e.g. `prefs.` for every key that starts with it. Empty: none.</summary>
    public List<string> ClientWritablePrefixes { get; set; } = [];
}
