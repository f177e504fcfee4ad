using System.Collections.Immutable;

namespace Sessions.Tests.Grains;

/// <summary>The shape <see cref="SessionSnapshot"/> had in the previous release, to check that the wire format stayed.</summary>
[GenerateSerializer, Alias("sessions.tests.PreviousSessionSnapshot")]
public sealed record PreviousSessionSnapshot(
    [property: Id(0)] SessionInfo Info,
    [property: Id(1)] ImmutableDictionary<string, byte[]> Items);
