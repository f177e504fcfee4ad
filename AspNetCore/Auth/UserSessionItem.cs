namespace Sessions.AspNetCore;

/// <summary>One entry of <c>GET /api/me/sessions</c>.</summary>
public sealed record UserSessionItem(
    string Handle, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? UserAgent, string? ClientAddress, bool Current);
