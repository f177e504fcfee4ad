namespace Sessions.WebFrontend.Auth;

/// <summary>A user as the user store knows them: the stable id sessions are indexed by, and the roles kept in the session.</summary>
public sealed record UserAccount(string UserId, IReadOnlyList<string> Roles);
