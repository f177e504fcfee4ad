using System.Text.Json;

namespace Sessions.AspNetCore;

/// <summary>The body of <c>GET /api/session</c>.</summary>
public sealed record SessionDocument(
    DateTimeOffset CreatedAt,
    DateTimeOffset LastAccessedAt,
    DateTimeOffset ExpiresAt,
    string? UserId,
    IReadOnlyDictionary<string, JsonElement> Items);
