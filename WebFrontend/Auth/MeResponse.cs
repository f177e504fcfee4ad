namespace Sessions.WebFrontend.Auth;

/// <summary>
/// <c>GET /api/me</c>: the signed-in user, the handle (public identity) of this session, and when and how the user last
/// proved their credentials in it (<c>password</c> for the demo's login).
/// </summary>
public sealed record MeResponse(
    string UserId, IReadOnlyList<string> Roles, string SessionHandle, DateTimeOffset? AuthenticatedAt, string? AuthenticationMethod);
