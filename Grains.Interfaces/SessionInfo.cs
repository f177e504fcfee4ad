using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Sessions.Grains.Interfaces;

/// <summary>Metadata of a live session.</summary>
/// <param name="Handle">
/// The session's public identity: stable across ID rotations, shown in session lists and logs, and a one-way hash of
/// the grain key, so it cannot be turned into the session ID. Empty in what <c>LoadAsync</c> and <c>GetInfoAsync</c>
/// answer for a session that never rotated: its handle is then <see cref="SessionFingerprint.PublicId"/> of the grain
/// key called, which the caller computes if it needs it.
/// </param>
/// <param name="Roles">The signed-in user's roles; empty for an anonymous session.</param>
/// <param name="RenewalDue">A signed-in session whose ID is older than <c>Auth:RenewalInterval</c>: the frontend rotates it.</param>
/// <param name="UserAgent">The user agent of the sign-in request, cut to <see cref="SessionLogin.MaxUserAgentLength"/>.</param>
/// <param name="ClientAddress">The client address of the sign-in request.</param>
/// <param name="AuthenticatedAt">When the user last proved their credentials in this session.</param>
/// <param name="Rotations">How often the session moved to a new ID (renewals and logins).</param>
/// <param name="GrainKey">
/// The key of the grain that holds the session now (a keyed hash of its ID, never the ID), only in what
/// <c>DescribeAsync</c> answers: the user index learns from it where a session it followed from an older key lives.
/// It stays inside the cluster: left out of JSON, and out of the lists the user index answers.
/// </param>
[GenerateSerializer, Immutable, Alias("sessions.SessionInfo")]
public sealed record SessionInfo(
    [property: Id(0)] DateTimeOffset CreatedAt,
    [property: Id(1)] DateTimeOffset LastAccessedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] string? UserId,
    [property: Id(4)] int ItemCount,
    [property: Id(5)] long SizeBytes,
    [property: Id(6)] long Version,
    [property: Id(7)] string Handle = "",
    [property: Id(8)] ImmutableArray<string> Roles = default,
    [property: Id(9)] bool RenewalDue = false,
    [property: Id(10)] string? UserAgent = null,
    [property: Id(11)] string? ClientAddress = null,
    [property: Id(12)] DateTimeOffset? AuthenticatedAt = null,
    [property: Id(13)] long Rotations = 0,
    [property: Id(14), JsonIgnore] string? GrainKey = null)
{
    /// <summary>
    /// How the user authenticated when they last proved their credentials in this session (<see cref="SessionLogin.AuthenticationMethod"/>);
    /// null when the sign-in did not say or the session is anonymous.
    /// </summary>
    [Id(15)] public string? AuthenticationMethod { get; init; }

    /// <summary>
    /// A signed-in session whose user and roles were last checked against the app's source of truth longer than
    /// <c>Auth:PrincipalRevalidationInterval</c> ago: a frontend with a principal validator checks them now
    /// (<see cref="ISessionGrain.ClaimRevalidationAsync"/>).
    /// </summary>
    [Id(16), JsonIgnore] public bool RevalidationDue { get; init; }

    public bool IsSignedIn => UserId is not null;

    public bool IsInRole(string role) => !Roles.IsDefault && Roles.Contains(role, StringComparer.Ordinal);
}
