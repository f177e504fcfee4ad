namespace Sessions.WebFrontend.Auth;

public sealed record LoginResponse(string UserId, DateTimeOffset ExpiresAt);
