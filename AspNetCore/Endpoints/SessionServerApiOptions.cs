using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>
/// The server-to-server REST API (<c>MapSessionServerEndpoints()</c>, <c>/api/server/session</c>) for frontends in other
/// languages. Bound from the <c>SessionServerApi</c> configuration section.
/// </summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Frontend)]
public sealed class SessionServerApiOptions
{
    public const string SectionName = "SessionServerApi";

    /// <summary>The bearer tokens the server API accepts (sent as `Authorization: Bearer` and the token), each at least 32 characters; several at once so one can be rotated out. A secret: set it from the environment, never in a committed file. Empty: the server API cannot be mapped.</summary>
    public List<string> Tokens { get; set; } = [];

    /// <summary>Requests the server API takes per minute from one client address (the calling frontend), authenticated or not; beyond it 429 with `Retry-After`. 0: no limit.</summary>
    public int RequestsPerMinute { get; set; } = 600_000;
}
