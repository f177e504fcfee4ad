using Sessions.Grains.Interfaces;

namespace Sessions.Storage;

/// <summary>
/// One session as a row of <c>sessions_state</c>: the serialized state plus the columns the purge, a per-user index
/// and session-end events read without decoding it.
/// </summary>
/// <param name="GrainKey">The session grain's key (a keyed hash of the session id, never the id).</param>
/// <param name="Handle">The session's public handle, for the end event of a purged row.</param>
/// <param name="ExpiryReason">Why the session lapses at <paramref name="ExpiresAt"/> (idle or absolute); null for the trace a renewal leaves, which is no session.</param>
public sealed record SessionRow(
    string GrainKey,
    string? UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastAccessAt,
    DateTimeOffset ExpiresAt,
    byte[] Payload,
    string Handle = "",
    SessionEndReason? ExpiryReason = SessionEndReason.IdleTimeout,
    int PageViews = 0,
    int Interactions = 0);
