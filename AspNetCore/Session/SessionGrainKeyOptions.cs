using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>How session ids become grain keys and cookies are tagged. Bound from the <c>SessionGrainKey</c> configuration section.</summary>
/// <remarks>
/// Session grains, and so their storage rows and Orleans' own log lines, are keyed by HMAC-SHA256 of the session id
/// under a secret, never by the id: a log or a database dump holds no usable session id. Every frontend of a deployment
/// must use the same secrets. A secret rolls over without ending sessions: the new one becomes <see cref="Secret"/>
/// and the old one is listed in <see cref="PreviousSecrets"/> on every frontend; each session moves to the new secret
/// on its next request (an ID rotation), and once the old secret is removed the sessions still under it end
/// (docs/operations.md, "Secret rollover").
/// </remarks>
[ConfigurationSection(SectionName, ConfigurationReaders.Frontend)]
public sealed class SessionGrainKeyOptions
{
    public const string SectionName = "SessionGrainKey";

    /// <summary>The most previous secrets accepted at once.</summary>
    public const int MaxPreviousSecrets = 3;

    /// <summary>Base64 secret (at least 32 bytes) of new cookies and grain keys, the current one of a secret rollover; unset: kept with the cookie key ring (PostgreSQL or its folder) when one is registered, else generated per process in Development only; elsewhere the start fails. Changed alone it ends every session: list the old value in PreviousSecrets.</summary>
    public string? Secret { get; set; }

    /// <summary>Base64 secrets (each at least 32 bytes, at most 3) of a secret rollover, still read (`SessionGrainKey:PreviousSecrets:0`, `:1`, `:2`): a session whose cookie is under one of them moves to Secret on its next request; remove one once the overlap is over (its remaining sessions then end). Empty: none.</summary>
    public List<string> PreviousSecrets { get; set; } = [];
}
