using System.Collections.Immutable;

namespace Sessions.Grains;

/// <summary>What a signed-in session keeps beside its user id (<see cref="SessionState.UserId"/>).</summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionLoginState")]
public sealed record SessionLoginState(
    [property: Id(0)] ImmutableArray<string> Roles,
    [property: Id(1)] DateTimeOffset AuthenticatedAt,
    [property: Id(2)] DateTimeOffset RenewedAt,
    [property: Id(3)] string? UserAgent,
    [property: Id(4)] string? ClientAddress)
{
    /// <summary>How the user authenticated at <see cref="AuthenticatedAt"/> (<see cref="SessionLogin.AuthenticationMethod"/>); null: not recorded.</summary>
    [Id(5)] public string? AuthenticationMethod { get; init; }

    /// <summary>When the app's source of truth last confirmed the user and roles; null: not since <see cref="AuthenticatedAt"/>.</summary>
    [Id(6)] public DateTimeOffset? RevalidatedAt { get; init; }

    /// <summary>When a frontend last claimed the re-validation (<see cref="ISessionGrain.ClaimRevalidationAsync"/>); null once it completed.</summary>
    [Id(7)] public DateTimeOffset? RevalidationClaimedAt { get; init; }

    /// <summary>
    /// The re-validation is due at <paramref name="now"/>: the last confirmation (or the sign-in) is
    /// <paramref name="interval"/> old, and no claim of it is younger than <see cref="SessionRevalidation.ClaimLease"/>.
    /// </summary>
    public bool RevalidationDue(DateTimeOffset now, TimeSpan interval) =>
        now >= (RevalidatedAt ?? AuthenticatedAt) + interval
        && !(RevalidationClaimedAt is { } claimed && now < claimed + SessionRevalidation.ClaimLease);
}
