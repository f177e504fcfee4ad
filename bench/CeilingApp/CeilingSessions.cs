using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Sessions.Bench.CeilingApp;

/// <summary>
/// The sessions of the ceiling app, in this process only, by grain key (the keyed hash of the session ID the WebFrontend
/// names a session by). A read is one lock-free dictionary lookup; writes replace the session's snapshot.
/// </summary>
public sealed class CeilingSessions
{
    private readonly ConcurrentDictionary<string, CeilingSession> _sessions = new(StringComparer.Ordinal);

    public bool TryGet(string grainKey, out CeilingSession session) => _sessions.TryGetValue(grainKey, out session!);

    public void Set(string grainKey, string key, byte[] value) =>
        _sessions.AddOrUpdate(grainKey, static (_, item) => CeilingSession.Empty.With(item.key, item.value),
            static (_, session, item) => session.With(item.key, item.value), (key, value));

    /// <summary>Adds <paramref name="by"/> to the item (a missing item counts as 0) and returns the new value.</summary>
    public long Increment(string grainKey, string key, long by)
    {
        long result = 0;
        _sessions.AddOrUpdate(
            grainKey,
            _ => CeilingSession.Empty.With(key, Text(result = by)),
            (_, session) => session.With(key, Text(result = Value(session, key) + by)));
        return result;
    }

    private static long Value(CeilingSession session, string key) =>
        session.Items.TryGetValue(key, out var bytes) ? long.Parse(Encoding.UTF8.GetString(bytes), CultureInfo.InvariantCulture) : 0;

    private static byte[] Text(long value) => Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture));
}
