using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>
/// What a frontend does about session IDs that fail validation or name no live session: counters
/// (<c>sessions.frontend.forged_ids</c>, <c>sessions.frontend.dead_ids</c>), a log line per client network and minute,
/// a short memory of dead IDs and an optional limit per client network. Bound from the <c>SessionIdSignals</c>
/// configuration section.
/// </summary>
[ConfigurationSection(SectionName, ConfigurationReaders.Frontend)]
public sealed class SessionIdSignalsOptions
{
    public const string SectionName = "SessionIdSignals";

    /// <summary>
    /// How long a frontend remembers a session ID it found dead twice (at least twice `Session:IOTimeout` apart), so
    /// that the same cookie sent again costs no grain call or storage read; kept by its grain key (a keyed hash), never
    /// the ID. A dead ID never comes back to life: IDs are never reused and no session is ever stored under an ID a
    /// client sent. `00:00:00`: off.
    /// </summary>
    public TimeSpan RememberDeadIdsFor { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many dead IDs a frontend remembers at most (a fixed table of about 100 bytes each; a new one takes over the slot it lands on).</summary>
    public int MaxRememberedDeadIds { get; set; } = 4096;

    /// <summary>
    /// Grain calls per client network (IPv4 address, IPv6 /64) and minute whose session cookie or header turned out to
    /// name no live session (per frontend); beyond it the network's requests that carry a session ID answer 429
    /// problem+json with `Retry-After` until its minute ends, so a flood of validly tagged but dead IDs cannot drive
    /// storage reads. 0 (the default): no limit. Off by default for the reason `RateLimits:SessionCreationsPerMinute` is:
    /// behind a proxy not listed in `Frontend:KnownProxies` every client has the proxy's address. The server-to-server
    /// API is exempt (its callers serve many users from one address). 60, say, where clients' addresses are seen.
    /// </summary>
    public int DeadIdsPerMinutePerAddress { get; set; }
}
