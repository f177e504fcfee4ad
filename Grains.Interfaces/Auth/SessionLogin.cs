using System.Collections.Immutable;

namespace Sessions.Grains.Interfaces;

/// <summary>Who signs in to a session, and from where (kept beside the session for the user's session list).</summary>
[GenerateSerializer, Immutable, Alias("sessions.SessionLogin")]
public sealed record SessionLogin(
    [property: Id(0)] string UserId,
    [property: Id(1)] ImmutableArray<string> Roles,
    [property: Id(2)] string? UserAgent,
    [property: Id(3)] string? ClientAddress)
{
    /// <summary>
    /// The idle timeout the app asks for when this sign-in starts a new session (there was none to carry over); null:
    /// the silo's default. A session that is carried over keeps its own. Added with its own id: the previous release ignores it.
    /// </summary>
    [Id(4)] public TimeSpan? IdleTimeout { get; init; }

    public const int MaxUserAgentLength = 256;

    public const int MaxClientAddressLength = 64;

    /// <summary>A login whose request-supplied texts are cut to their documented bounds.</summary>
    public static SessionLogin Bounded(string userId, IEnumerable<string> roles, string? userAgent, string? clientAddress) =>
        new(userId, [.. roles], Cut(userAgent, MaxUserAgentLength), Cut(clientAddress, MaxClientAddressLength));

    private static string? Cut(string? text, int length) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= length ? text : text[..length];
}
