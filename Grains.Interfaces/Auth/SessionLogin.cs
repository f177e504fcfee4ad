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

    /// <summary>
    /// How the user proved who they are in this sign-in (<c>password</c>, <c>external</c>, <c>passkey</c>, ...: the app's
    /// word, see <see cref="IsValidAuthenticationMethod"/>); null: not recorded. Set it with
    /// <see cref="WithAuthenticationMethod"/>, which checks it. Added with its own id: the previous release ignores it.
    /// </summary>
    [Id(5)] public string? AuthenticationMethod { get; init; }

    /// <summary>The longest <see cref="AuthenticationMethod"/>.</summary>
    public const int MaxAuthenticationMethodLength = 32;

    public const int MaxUserAgentLength = 256;

    public const int MaxClientAddressLength = 64;

    /// <summary>A login whose request-supplied texts are cut to their documented bounds.</summary>
    public static SessionLogin Bounded(string userId, IEnumerable<string> roles, string? userAgent, string? clientAddress) =>
        new(userId, [.. roles], Cut(userAgent, MaxUserAgentLength), Cut(clientAddress, MaxClientAddressLength));

    /// <summary>This login with <paramref name="method"/> as its <see cref="AuthenticationMethod"/>; throws for a method that is not valid.</summary>
    public SessionLogin WithAuthenticationMethod(string method) => IsValidAuthenticationMethod(method)
        ? this with { AuthenticationMethod = method }
        : throw new ArgumentException(
            $"An authentication method is 1 to {MaxAuthenticationMethodLength} characters of a-z, 0-9, '.', '_' and '-'.", nameof(method));

    /// <summary>
    /// A valid authentication method: 1 to <see cref="MaxAuthenticationMethodLength"/> characters of lower-case ASCII
    /// letters, digits, <c>.</c>, <c>_</c> and <c>-</c> (a word for logs and policies, never the user's input).
    /// </summary>
    public static bool IsValidAuthenticationMethod(string? method) =>
        method is { Length: > 0 and <= MaxAuthenticationMethodLength } && method.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-');

    private static string? Cut(string? text, int length) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= length ? text : text[..length];
}
