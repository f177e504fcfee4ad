namespace Sessions.Grains.Interfaces;

/// <summary>What a rotation did; <see cref="Info"/> describes the session under its new ID when it moved.</summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionRotationResult")]
public sealed record SessionRotationResult(
    [property: Id(0)] SessionRotationStatus Status,
    [property: Id(1)] SessionInfo? Info);
