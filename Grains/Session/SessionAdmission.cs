namespace Sessions.Grains;

/// <summary>
/// How many sessions, and how many bytes of session data, this silo holds in memory; new sessions and growing ones are
/// refused beyond <c>SessionActivation:MaxActiveSessions</c> and <c>SessionActivation:MaxActiveSessionBytes</c>, so
/// clients cannot grow a silo without bound.
/// </summary>
public sealed class SessionAdmission(long maxSessions, long maxBytes)
{
    /// <summary>A full silo says so in the log at most this often, not once per refused write.</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(10);

    private long _sessions;
    private long _bytes;
    private long _lastReportTicks = DateTimeOffset.MinValue.UtcTicks;

    public long Sessions => Interlocked.Read(ref _sessions);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Whether one more session of <paramref name="bytes"/> fits.</summary>
    public bool CanAdmit(long bytes) => Sessions < maxSessions && Bytes + bytes <= maxBytes;

    /// <summary>Whether a session may grow by <paramref name="bytes"/> (shrinking always may).</summary>
    public bool CanGrow(long bytes) => bytes <= 0 || Bytes + bytes <= maxBytes;

    public void Add(int sessions, long bytes)
    {
        if (sessions != 0)
        {
            Interlocked.Add(ref _sessions, sessions);
        }

        if (bytes != 0)
        {
            Interlocked.Add(ref _bytes, bytes);
        }
    }

    /// <summary>Whether a refusal at <paramref name="now"/> is the first in <see cref="ReportInterval"/> (and so logged).</summary>
    public bool ShouldReport(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastReportTicks);
        return now.UtcTicks - last >= ReportInterval.Ticks
            && Interlocked.CompareExchange(ref _lastReportTicks, now.UtcTicks, last) == last;
    }
}
