namespace Sessions.AspNetCore;

/// <summary>
/// Session IDs this frontend found dead, remembered for a while (<see cref="SessionIdSignalsOptions.RememberDeadIdsFor"/>)
/// by their grain key (a keyed hash, never the ID) in a fixed table (<see cref="SessionIdSignalsOptions.MaxRememberedDeadIds"/>),
/// so that a cookie sent again and again costs one grain call, not one per request.
/// </summary>
/// <remarks>
/// A dead ID never comes back: IDs are 256 random bits, never reused, and no path stores a session under an ID a client
/// sent; a new session always gets a fresh ID, and a sign-in or renewal stores the session under its new ID before the
/// cookie goes out. The one window is a session a write is creating right now: its cookie goes out when the response
/// starts and the request's changes are stored when it ends, so a second request racing in between finds nothing. An ID
/// is therefore remembered only after a second miss at least <c>settle</c> after the first (twice the
/// <c>Session:IOTimeout</c> that bounds the commit), when a session in creation would have been stored.
/// </remarks>
internal sealed class DeadSessionIds(TimeProvider time, TimeSpan remember, int capacity, TimeSpan settle)
{
    private readonly FixedSlots<Entry>? _slots = remember > TimeSpan.Zero && capacity > 0 ? new FixedSlots<Entry>(capacity) : null;

    /// <summary>Whether <paramref name="grainKey"/> was found dead twice, far enough apart, and lately.</summary>
    public bool IsDead(string grainKey)
    {
        if (_slots is null)
        {
            return false;
        }

        var entry = _slots.Read(_slots.IndexOf(grainKey));
        return entry is { Confirmed: true } && entry.GrainKey == grainKey && time.GetUtcNow() < entry.Until;
    }

    /// <summary>A grain call under <paramref name="grainKey"/> found no live session.</summary>
    public void Missed(string grainKey)
    {
        if (_slots is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var index = _slots.IndexOf(grainKey);
        var seen = _slots.Read(index);
        if (seen is null || seen.GrainKey != grainKey || now >= seen.Until)
        {
            _slots.Replace(index, seen, new Entry(grainKey, now, Confirmed: false, now + settle + remember)); // waits for its second miss
        }
        else if (!seen.Confirmed && now - seen.FirstMiss >= settle)
        {
            _slots.Replace(index, seen, seen with { Confirmed = true, Until = now + remember });
        }
    }

    private sealed record Entry(string GrainKey, DateTimeOffset FirstMiss, bool Confirmed, DateTimeOffset Until);
}
