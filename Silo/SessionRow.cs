namespace Sessions.Silo;

/// <summary>
/// One session as a row of <c>sessions_state</c>: the serialized state plus the columns the purge, a per-user index
/// and session-end events read without decoding it.
/// </summary>
/// <param name="GrainKey">The session grain's key (a keyed hash of the session id, never the id).</param>
public sealed record SessionRow(
    string GrainKey,
    string? UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastAccessAt,
    DateTimeOffset ExpiresAt,
    byte[] Payload);
