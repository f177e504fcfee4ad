namespace Sessions.WebFrontend.Auth;

/// <summary><c>GET /api/me</c>: the signed-in user, and the handle (public identity) of this session.</summary>
public sealed record MeResponse(string UserId, IReadOnlyList<string> Roles, string SessionHandle);
