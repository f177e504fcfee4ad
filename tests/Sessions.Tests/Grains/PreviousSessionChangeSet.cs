using System.Collections.Immutable;

namespace Sessions.Tests.Grains;

/// <summary>The shape <see cref="SessionChangeSet"/> had before it carried an idle timeout, to check that both releases read each other.</summary>
[GenerateSerializer, Immutable, Alias("sessions.tests.PreviousSessionChangeSet")]
public sealed record PreviousSessionChangeSet(
    [property: Id(0)] bool Clear,
    [property: Id(1)] ImmutableArray<string> Removed,
    [property: Id(2)] ImmutableDictionary<string, byte[]> Set,
    [property: Id(3)] bool CreateIfMissing);
