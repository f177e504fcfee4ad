namespace Sessions.Grains.Interfaces;

/// <summary>
/// The live sessions of one user (the key is the user id), by handle, each with the grain key of its latest rotation.
/// Signing in goes through it, so the per-user limit holds even when logins race; a login asks none of the user's other
/// sessions unless it ends them. Lists are checked against the sessions themselves: entries of sessions that expired
/// while deactivated, or whose rows the purge removed, drop out, and an entry whose key a session renewed away from
/// takes the current one.
/// </summary>
/// <remarks>
/// It calls session grains; session grains tell it of their moves and end only by one-way messages, so the two never
/// wait on each other.
/// </remarks>
[Alias("sessions.IUserSessionsGrain")]
public interface IUserSessionsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Signs <paramref name="login"/> in on the session under <paramref name="currentKey"/> (when there is one; its state
    /// carries over) moved to <paramref name="newKey"/>, or on a new session there; then ends the user's oldest other
    /// sessions beyond <c>Auth:MaxSessionsPerUser</c>.
    /// </summary>
    [Alias("SignIn")]
    ValueTask<SessionInfo> SignInAsync(string? currentKey, string newKey, SessionLogin login, CancellationToken cancellationToken = default);

    /// <summary>The user's live sessions, oldest first.</summary>
    [Alias("List")]
    ValueTask<IReadOnlyList<SessionInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends the user's session <paramref name="handle"/>; false when the user has no such session.</summary>
    [Alias("End")]
    ValueTask<bool> EndAsync(string handle, SessionEndReason reason, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of the user but <paramref name="exceptHandle"/>; returns how many ended.</summary>
    [Alias("EndAll")]
    ValueTask<int> EndAllAsync(string? exceptHandle, SessionEndReason reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// A session of the user ended (sent by the session grain). Idempotent: for a session the index no longer holds it
    /// changes and stores nothing.
    /// </summary>
    [Alias("SessionEnded"), OneWay]
    ValueTask SessionEndedAsync(string handle);

    /// <summary>
    /// The previous release's notice of a renewal. It carries no rotation count, so it cannot tell a late notice from a
    /// new one: the index asks the session under <paramref name="newKey"/> where it lives now (a renewed-away key leads
    /// to the current one, an ended one to none) and keeps that. Sent only by silos of the previous release.
    /// </summary>
    [Alias("SessionMoved"), OneWay]
    ValueTask SessionMovedAsync(string handle, string newKey);

    /// <summary>
    /// The session <paramref name="handle"/> moved to <paramref name="newKey"/> by its <paramref name="rotations"/>-th
    /// rotation (sent by the session grain on renewal). Replaces the entry's key only when <paramref name="rotations"/>
    /// is higher than the entry's, so a notice that arrives late, after a login moved the session further, changes
    /// nothing; for a session the index does not hold, the index asks the session and adds it when it is live.
    /// </summary>
    [Alias("SessionRotated"), OneWay]
    ValueTask SessionRotatedAsync(string handle, string newKey, long rotations);
}
