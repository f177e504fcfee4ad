namespace Sessions.Grains;

/// <summary>
/// The states a rotation writes, as pure functions (the session as it continues under its new ID is
/// <c>SessionRotations.Moved</c>): the trace a renewal leaves under the old ID, and a session started signed in.
/// </summary>
internal static class SessionMoves
{
    /// <summary>
    /// The trace of a move to <paramref name="newKey"/>: no items, no user, kept (and its replay recognised) until the
    /// session's absolute expiry; calls within <paramref name="grace"/> are followed to the new ID.
    /// </summary>
    public static SessionState Trace(SessionState session, string handle, string newKey, DateTimeOffset now, TimeSpan grace) => new()
    {
        CreatedAt = session.CreatedAt,
        Generation = session.Generation,
        LastAccessedAt = now,
        IdleTimeout = session.AbsoluteExpiresAt - now,
        AbsoluteExpiresAt = session.AbsoluteExpiresAt,
        Version = session.Version + 1,
        Handle = handle,
        Forward = new SessionForward(newKey, now + grace),
    };

    /// <summary>A new session of <paramref name="login"/>'s user, signed in at <paramref name="now"/> in end-all <paramref name="generation"/>.</summary>
    public static SessionState SignedIn(SessionLogin login, DateTimeOffset now, SessionExpiryOptions expiry, long generation)
    {
        var state = SessionState.Create(now, expiry, generation, login.IdleTimeout);
        state.UserId = login.UserId;
        state.Login = LoginState(login, now);
        return state;
    }

    /// <summary>What a session keeps of <paramref name="login"/>, signed in at <paramref name="now"/>.</summary>
    public static SessionLoginState LoginState(SessionLogin login, DateTimeOffset now) =>
        new(login.Roles, now, now, login.UserAgent, login.ClientAddress) { AuthenticationMethod = login.AuthenticationMethod };
}
