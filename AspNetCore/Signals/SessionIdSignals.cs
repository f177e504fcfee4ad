using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// The frontend's signals of attacks on session IDs: a session cookie or header that fails validation (forged, tampered,
/// foreign, or under a secret no longer held) and a validly tagged ID that names no live session (ended, expired,
/// replayed, or never stored). Each is counted (<c>sessions.frontend.forged_ids</c>, <c>sessions.frontend.dead_ids</c>,
/// without tags that could identify anyone) and logged at most once per client network and minute
/// (<see cref="SourceLogThrottle"/>), never with the ID or the cookie. Dead IDs are remembered briefly
/// (<see cref="DeadSessionIds"/>) and, if configured, limited per network (<see cref="DeadIdReadLimiter"/>); see
/// <see cref="SessionIdSignalsOptions"/>. Replays of IDs renewed away from are detected and counted where they are
/// known, in the silo (<c>sessions.replays</c>).
/// </summary>
public sealed class SessionIdSignals
{
    private const int ForgedKind = 0;
    private const int DeadKind = 1;
    private const int RateLimitedKind = 2;

    private static readonly KeyValuePair<string, object?> Remembered = new("remembered", true);
    private static readonly KeyValuePair<string, object?> Looked = new("remembered", false);

    private readonly DeadSessionIds _dead;
    private readonly DeadIdReadLimiter _limiter;
    private readonly SourceLogThrottle _log;
    private readonly ILogger _logger;
    private readonly Counter<long> _forged;
    private readonly Counter<long> _deadIds;
    private readonly Counter<long> _refused;

    public SessionIdSignals(
        IOptions<SessionIdSignalsOptions> options, IOptions<OrleansSessionOptions> session, TimeProvider time, IMeterFactory meters,
        ILogger<SessionIdSignals> logger)
    {
        var o = options.Value;
        _dead = new DeadSessionIds(time, o.RememberDeadIdsFor, o.MaxRememberedDeadIds, settle: 2 * session.Value.IOTimeout);
        _limiter = new DeadIdReadLimiter(time, o.DeadIdsPerMinutePerAddress);
        _log = new SourceLogThrottle(time);
        _logger = logger;
        var meter = meters.Create(SessionsMeter.Name);
        _forged = meter.CreateCounter<long>(
            "sessions.frontend.forged_ids", "{request}", "Session cookies or headers present but failing validation (forged, tampered, foreign, or under a removed secret).");
        _deadIds = meter.CreateCounter<long>(
            "sessions.frontend.dead_ids", "{request}", "Validly tagged session IDs naming no live session; remembered=true: known dead here, no grain call.");
        _refused = meter.CreateCounter<long>(
            "sessions.frontend.dead_id_limit_refused", "{request}", "Requests refused (429) because their client network sent too many dead session IDs (SessionIdSignals:DeadIdsPerMinutePerAddress).");
    }

    /// <summary>The request carried a session value that failed validation.</summary>
    internal void Forged(HttpContext http)
    {
        _forged.Add(1);
        var source = AddressPrefix.Of(http);
        if (_log.ShouldLog(ForgedKind, source, out var unlogged))
        {
            _logger.ForgedSessionId(source, unlogged);
        }
    }

    /// <summary>Whether <paramref name="grainKey"/> is remembered dead; if so the request is counted, and costs no grain call.</summary>
    internal bool IsRememberedDead(HttpContext http, string grainKey)
    {
        if (!_dead.IsDead(grainKey))
        {
            return false;
        }

        _deadIds.Add(1, Remembered);
        LogDead(AddressPrefix.Of(http));
        return true;
    }

    /// <summary>A grain call under the request's validly tagged ID (grain key <paramref name="grainKey"/>) found no live session.</summary>
    internal void Dead(HttpContext http, string grainKey)
    {
        _deadIds.Add(1, Looked);
        var source = AddressPrefix.Of(http);
        _dead.Missed(grainKey);
        if (_limiter.IsOn && !IsServerApi(http))
        {
            _limiter.Count(source);
        }

        LogDead(source);
    }

    /// <summary>
    /// The refusal of a grain call under the request's session ID when its client network is over
    /// <see cref="SessionIdSignalsOptions.DeadIdsPerMinutePerAddress"/> (counted), or null when it may call.
    /// </summary>
    internal RateLimitedException? Limit(HttpContext http)
    {
        if (!_limiter.IsOn || IsServerApi(http) || _limiter.RetryAfter(AddressPrefix.Of(http)) is not { } wait)
        {
            return null;
        }

        _refused.Add(1);
        return new RateLimitedException("Too many requests with session IDs that name no live session from this network; retry later.", wait);
    }

    /// <summary>Whether a 429 answered to this request's client network gets a log line now (one per network and minute).</summary>
    internal bool ShouldLogRateLimited(HttpContext http, out int unlogged) =>
        _log.ShouldLog(RateLimitedKind, AddressPrefix.Of(http), out unlogged);

    // The server API's callers are authenticated frontends serving all their users from one address.
    private static bool IsServerApi(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<SessionIdHeaderMetadata>() is not null;

    private void LogDead(string source)
    {
        if (_log.ShouldLog(DeadKind, source, out var unlogged))
        {
            _logger.DeadSessionId(source, unlogged);
        }
    }
}
