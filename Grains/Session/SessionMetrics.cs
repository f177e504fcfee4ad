using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sessions.Grains;

/// <summary>
/// The silo's session meter (<see cref="MeterName"/>): sessions created and ended (by reason), replays detected, and the duration of
/// session storage writes. The demo frontend exports it, with ASP.NET Core's meters, at <c>/metrics</c>; a standalone silo exports it with Orleans' meters.
/// </summary>
public sealed class SessionMetrics
{
    public const string MeterName = SessionsMeter.Name;

    // Tag values by reason, made once: a tag must not cost a string per ended session.
    private static readonly KeyValuePair<string, object?>[] ReasonTags = Enum.GetValues<SessionEndReason>()
        .Select(r => new KeyValuePair<string, object?>("reason", ReasonName(r)))
        .ToArray();

    private readonly Counter<long> _created;
    private readonly Counter<long> _ended;
    private readonly Counter<long> _replays;
    private readonly Histogram<double> _storageWrite;

    public SessionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _created = meter.CreateCounter<long>("sessions.created", "{session}", "Sessions created: a first write, or a sign-in without a session.");
        _ended = meter.CreateCounter<long>("sessions.ended", "{session}", "Sessions ended, by reason (logout, idle_timeout, absolute_timeout, evicted, ...).");
        _replays = meter.CreateCounter<long>(
            "sessions.replays", "{request}", "Calls under an ID renewed away from, after its grace: treated as a stolen ID (the session is ended).");
        _storageWrite = meter.CreateHistogram<double>(
            "sessions.storage.write.duration", "s", "How long a session's storage write took, until its batch committed.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    public void Created() => _created.Add(1);

    public void Ended(SessionEndReason reason) => _ended.Add(1, ReasonTags[(int)reason]);

    /// <summary>
    /// A call came under an ID renewed away from after its grace. Counted here, where it is detected: the frontend that
    /// sent it only sees an ID naming no live session (<c>sessions.frontend.dead_ids</c>).
    /// </summary>
    public void ReplayDetected() => _replays.Add(1);

    public void StorageWritten(long startTimestamp) => _storageWrite.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);

    private static string ReasonName(SessionEndReason reason) => reason switch
    {
        SessionEndReason.IdleTimeout => "idle_timeout",
        SessionEndReason.AbsoluteTimeout => "absolute_timeout",
        SessionEndReason.AdminEnded => "admin_ended",
        SessionEndReason.PrincipalInvalid => "principal_invalid",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
