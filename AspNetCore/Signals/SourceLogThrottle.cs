namespace Sessions.AspNetCore;

/// <summary>
/// At most one security log line per client network (<see cref="AddressPrefix"/>) and kind of event per minute,
/// in a fixed table of <see cref="Capacity"/> networks: bounded memory, no sweep. A line says how many events of the
/// network's previous minute went unlogged. A network whose slot holds another network's current minute is not logged
/// at all that minute (so lines stay at most <see cref="Capacity"/> a minute); the counters count every event.
/// </summary>
internal sealed class SourceLogThrottle(TimeProvider time)
{
    public const int Capacity = 1024;

    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    private readonly FixedSlots<Minute> _slots = new(Capacity);

    /// <summary>
    /// Whether an event of <paramref name="kind"/> from <paramref name="source"/> gets a log line now; if so,
    /// <paramref name="unlogged"/> is how many of its events went unlogged in its previous minute.
    /// </summary>
    public bool ShouldLog(int kind, string source, out int unlogged)
    {
        unlogged = 0;
        var now = time.GetUtcNow();
        var index = _slots.IndexOf(source, kind);
        var seen = _slots.Read(index);
        var same = seen is not null && seen.Kind == kind && seen.Source == source;
        if (seen is not null && now - seen.Start < OneMinute)
        {
            if (same)
            {
                Interlocked.Increment(ref seen.Unlogged);
            }

            return false;
        }

        unlogged = same ? Volatile.Read(ref seen!.Unlogged) : 0;
        return _slots.Replace(index, seen, new Minute(kind, source, now)); // of two racing events, one logs
    }

    private sealed class Minute(int kind, string source, DateTimeOffset start)
    {
        public int Unlogged;

        public int Kind { get; } = kind;

        public string Source { get; } = source;

        public DateTimeOffset Start { get; } = start;
    }
}
