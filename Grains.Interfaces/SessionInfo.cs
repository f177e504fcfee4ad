namespace Sessions.Grains.Interfaces;

/// <summary>Metadata of a live session.</summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionInfo")]
public sealed record SessionInfo(
    [property: Id(0)] DateTimeOffset CreatedAt,
    [property: Id(1)] DateTimeOffset LastAccessedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] string? UserId,
    [property: Id(4)] int ItemCount,
    [property: Id(5)] long SizeBytes,
    [property: Id(6)] long Version);
