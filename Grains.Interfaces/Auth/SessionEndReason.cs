namespace Sessions.Grains.Interfaces;

/// <summary>Why a session ended.</summary>
public enum SessionEndReason
{
    /// <summary>Destroyed through the API (<c>DELETE /api/session</c>, <c>ISession</c> clear and destroy).</summary>
    Destroyed = 0,

    /// <summary>The user signed out (<c>POST /api/auth/logout</c>).</summary>
    Logout = 1,

    /// <summary>Not used for longer than the idle timeout.</summary>
    IdleTimeout = 2,

    /// <summary>Older than the absolute lifetime.</summary>
    AbsoluteTimeout = 3,

    /// <summary>The oldest session of a user who signed in once more than <c>Auth:MaxSessionsPerUser</c> allows.</summary>
    Evicted = 4,

    /// <summary>Revoked by its user from another session (one session, or sign-out everywhere).</summary>
    Revoked = 5,

    /// <summary>Ended by an administrator: all sessions of its user, or every session of the deployment.</summary>
    AdminEnded = 6,

    /// <summary>A renewed-away ID was used after its grace: treated as a stolen ID, the session is ended.</summary>
    Replay = 7,

    /// <summary>Signed in as another user: the previous user's session ends instead of carrying over.</summary>
    Superseded = 8,

    /// <summary>
    /// The app's principal re-validation answered that the user no longer exists or may no longer sign in (deleted,
    /// disabled, password changed).
    /// </summary>
    PrincipalInvalid = 9,
}
