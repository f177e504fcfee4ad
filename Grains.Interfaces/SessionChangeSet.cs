using System.Collections.Immutable;

namespace Sessions.Grains.Interfaces;

/// <summary>
/// The changes one request makes to a session. Applied in order: clear (when set), then removals, then sets.
/// </summary>
/// <remarks>
/// <see cref="CreateIfMissing"/> is true only for an id the frontend has just generated; a write to an id
/// taken from a cookie whose session is gone answers <see cref="SessionWriteStatus.NotFound"/>, so the
/// frontend issues a fresh id instead of reviving an expired one. <see cref="IdleTimeout"/> travels with the write that
/// creates a session (added with its own id, so silos and frontends of the release before read and ignore it).
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
    /// <summary>
    /// The idle timeout the app asks for the session this change set creates (only read with <see cref="CreateIfMissing"/>,
    /// when the session does not exist yet); null: the silo's default. The silo keeps it within its bounds and fixes it for
    /// the session's life.
    /// </summary>
    [Id(4)] public TimeSpan? IdleTimeout { get; init; }

    public static SessionChangeSet SetOne(string key, byte[] value, bool createIfMissing) =>
        new(false, [], ImmutableDictionary<string, byte[]>.Empty.Add(key, value), createIfMissing);

    public static SessionChangeSet RemoveOne(string key) =>
        new(false, [key], ImmutableDictionary<string, byte[]>.Empty, CreateIfMissing: false);

    public bool IsEmpty => !Clear && Removed.IsDefaultOrEmpty && Set.IsEmpty;
}
