using System.Collections.Immutable;

namespace Sessions.Grains.Interfaces;

/// <summary>The whole of a live session as read by a frontend.</summary>
[GenerateSerializer, Alias("sessions.SessionSnapshot")]
public sealed record SessionSnapshot(
    [property: Id(0)] SessionInfo Info,
    [property: Id(1)] ImmutableDictionary<string, byte[]> Items);
