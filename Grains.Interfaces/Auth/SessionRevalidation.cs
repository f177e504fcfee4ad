using System.Collections.Immutable;

namespace Sessions.Grains.Interfaces;

/// <summary>
/// The answer of the app's source of truth to a principal re-validation (<see cref="ISessionGrain.CompleteRevalidationAsync"/>):
/// whether the session's user is still valid, and their roles now.
/// </summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionRevalidation")]
public sealed record SessionRevalidation(
    [property: Id(0)] bool IsValid,
    [property: Id(1)] ImmutableArray<string> Roles)
{
    /// <summary>
    /// How long a claimed check may take before another request may claim it (the frontend that claimed it may have
    /// failed): longer than a grain call's timeout plus a slow user store.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);
}
