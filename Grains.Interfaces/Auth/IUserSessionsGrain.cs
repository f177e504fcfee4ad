namespace Sessions.Grains.Interfaces;

/// <summary>
/// The live sessions of one user (the key is the user id). Signing in goes through it, so the per-user limit holds
/// even when logins race; lists are checked against the sessions themselves, so entries of sessions that expired while
/// deactivated, or whose rows the purge removed, drop out.
/// </summary>
/// <remarks>
/// It calls session grains; session grains tell it of their end only by one-way messages, so the two never wait on each
/// other.
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

    /// <summary>A session of the user ended (sent by the session grain).</summary>
    [Alias("SessionEnded"), OneWay]
    ValueTask SessionEndedAsync(string handle);

    /// <summary>A session of the user moved to a new grain key by renewal (sent by the session grain).</summary>
    [Alias("SessionMoved"), OneWay]
    ValueTask SessionMovedAsync(string handle, string newKey);
}
