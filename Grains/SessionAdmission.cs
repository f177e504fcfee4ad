namespace Sessions.Grains;

/// <summary>
/// How many sessions, and how many bytes of session data, this silo holds in memory; new sessions and growing ones are
/// refused beyond <c>SessionActivation:MaxActiveSessions</c> and <c>SessionActivation:MaxActiveSessionBytes</c>, so
/// clients cannot grow a silo without bound.
/// </summary>
public sealed class SessionAdmission(long maxSessions, long maxBytes)
{
    private long _sessions;
    private long _bytes;

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
}
