namespace Sessions.AspNetCore;

/// <summary>
/// A read served from a lease at <paramref name="At"/>: the held snapshot, whose items the read sees, and the session's
/// metadata as of that read, made only when asked for (most reads want an item, and the metadata's moving times would
/// cost a copy of it per read).
/// </summary>
internal readonly record struct LeasedSessionRead(LeasedSession Entry, DateTimeOffset At)
{
    /// <summary>The held snapshot: its items are the session's; its metadata's times are those of the grant (see <see cref="Info"/>).</summary>
    public SessionSnapshot Snapshot => Entry.Snapshot;

    /// <summary>The metadata as a grain read at <see cref="At"/> would have answered it (last access now, expiry slid from now).</summary>
    public SessionInfo Info() => Entry.InfoAt(At);
}
