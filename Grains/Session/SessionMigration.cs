namespace Sessions.Grains;

/// <summary>
/// What a session activation hands to its next one in a live migration: the state as stored (ETag) or, when it could
/// not be stored first, as changed (<see cref="Dirty"/>), the exact last access and whether visits are unstored.
/// </summary>
[GenerateSerializer, Alias("sessions.SessionMigration")]
public sealed record SessionMigration(
    [property: Id(0)] SessionState State,
    [property: Id(1)] string? ETag,
    [property: Id(2)] DateTimeOffset LastAccessedAt,
    [property: Id(3)] bool Dirty,
    [property: Id(4)] bool VisitsUnstored,
    [property: Id(5)] bool StartUnstored);
