namespace Sessions.AspNetCore;

/// <summary>What a signed-in session holds of its user, for <see cref="ISessionPrincipalValidator"/> to check.</summary>
/// <param name="UserId">The user id the session was signed in with.</param>
/// <param name="Roles">The roles the session holds now.</param>
/// <param name="AuthenticatedAt">When the user last proved their credentials in this session; null for a session stored by an older release.</param>
/// <param name="AuthenticationMethod">How they did (<see cref="SessionLogin.AuthenticationMethod"/>); null when not recorded.</param>
/// <param name="SessionHandle">The session's handle (public identity, stable across ID rotations), for logs.</param>
public sealed record SessionPrincipal(
    string UserId, IReadOnlyList<string> Roles, DateTimeOffset? AuthenticatedAt, string? AuthenticationMethod, string SessionHandle);
