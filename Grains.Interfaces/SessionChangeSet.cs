using System.Collections.Immutable;

namespace Sessions.Grains.Interfaces;

/// <summary>
/// The changes one request makes to a session. Applied in order: clear (when set), then removals, then sets.
/// </summary>
/// <remarks>
/// <see cref="CreateIfMissing"/> is true only for an id the frontend has just generated; a write to an id
/// taken from a cookie whose session is gone answers <see cref="SessionWriteStatus.NotFound"/>, so the
/// frontend issues a fresh id instead of reviving an expired one.
/// Immutable for Orleans, so a co-hosted silo stores the arrays of <see cref="Set"/> without copying them: the sender
/// hands them over and must never change them afterwards.
/// </remarks>
[GenerateSerializer, Immutable, Alias("sessions.SessionChangeSet")]
public sealed record SessionChangeSet(
    [property: Id(0)] bool Clear,
    [property: Id(1)] ImmutableArray<string> Removed,
    [property: Id(2)] ImmutableDictionary<string, byte[]> Set,
    [property: Id(3)] bool CreateIfMissing)
{
    public static SessionChangeSet SetOne(string key, byte[] value, bool createIfMissing) =>
        new(false, [], ImmutableDictionary<string, byte[]>.Empty.Add(key, value), createIfMissing);

    public static SessionChangeSet RemoveOne(string key) =>
        new(false, [key], ImmutableDictionary<string, byte[]>.Empty, CreateIfMissing: false);

    public bool IsEmpty => !Clear && Removed.IsDefaultOrEmpty && Set.IsEmpty;
}
