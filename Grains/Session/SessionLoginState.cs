using System.Collections.Immutable;

namespace Sessions.Grains;

/// <summary>What a signed-in session keeps beside its user id (<see cref="SessionState.UserId"/>).</summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionLoginState")]
public sealed record SessionLoginState(
    [property: Id(0)] ImmutableArray<string> Roles,
    [property: Id(1)] DateTimeOffset AuthenticatedAt,
    [property: Id(2)] DateTimeOffset RenewedAt,
    [property: Id(3)] string? UserAgent,
    [property: Id(4)] string? ClientAddress);
