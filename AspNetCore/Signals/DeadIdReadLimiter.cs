namespace Sessions.AspNetCore;

/// <summary>
/// Grain calls whose cookie turned out dead, per client network (<see cref="AddressPrefix"/>) and minute
/// (<see cref="SessionIdSignalsOptions.DeadIdsPerMinutePerAddress"/>); past the limit a network's requests with a session
/// ID are refused before they call a grain, until its minute ends. A fixed window per network in a fixed table of
/// <see cref="Capacity"/> networks: bounded memory and no sweep, unlike ASP.NET Core's partitioned limiter, which keeps
/// a partition per address seen and walks them all every 100 ms. A network whose slot another one took starts again
/// from zero; it is never refused for another network's misses.
/// </summary>
internal sealed class DeadIdReadLimiter(TimeProvider time, int perMinute)
{
    public const int Capacity = 4096;

    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    private readonly FixedSlots<MinuteCount>? _slots = perMinute > 0 ? new FixedSlots<MinuteCount>(Capacity) : null;

    /// <summary>Whether a limit is set (<see cref="SessionIdSignalsOptions.DeadIdsPerMinutePerAddress"/> above 0).</summary>
    public bool IsOn => _slots is not null;

    /// <summary>A grain call of <paramref name="source"/> found its session ID dead.</summary>
    public void Count(string source)
    {
        if (_slots is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var index = _slots.IndexOf(source);
        var seen = _slots.Read(index);
        if (seen is not null && seen.Source == source && now - seen.Start < OneMinute)
        {
            Interlocked.Increment(ref seen.Count);
        }
        else
        {
            _slots.Replace(index, seen, new MinuteCount(source, now) { Count = 1 });
        }
    }

    /// <summary>How long <paramref name="source"/> must wait before its next grain call, or null when it may call now.</summary>
    public TimeSpan? RetryAfter(string source)
    {
        if (_slots is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var window = _slots.Read(_slots.IndexOf(source));
        return window is not null && window.Source == source && now - window.Start < OneMinute && Volatile.Read(ref window.Count) >= perMinute
            ? window.Start + OneMinute - now
            : null;
    }

    private sealed class MinuteCount(string source, DateTimeOffset start)
    {
        public int Count;

        public string Source { get; } = source;

        public DateTimeOffset Start { get; } = start;
    }
}
