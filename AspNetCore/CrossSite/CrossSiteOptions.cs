using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>
/// Which origins besides the request's own may send state-changing requests that a browser made (see
/// <see cref="CrossSiteRequestJudge"/>). Bound from the <c>CrossSite</c> configuration section.
/// </summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Frontend)]
public sealed class CrossSiteOptions
{
    public const string SectionName = "CrossSite";

    /// <summary>Origins (`https://app.example.com`, scheme, host and port only) whose pages may send state-changing requests (POST, PUT, PATCH, DELETE) with the session cookie, besides the request's own origin. Empty: same origin only.</summary>
    public List<string> TrustedOrigins { get; set; } = [];
}
