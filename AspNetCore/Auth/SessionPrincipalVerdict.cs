using System.Collections.Immutable;

namespace Sessions.AspNetCore;

/// <summary>The answer of an <see cref="ISessionPrincipalValidator"/>: the user is still valid with these roles, or no longer.</summary>
public sealed class SessionPrincipalVerdict
{
    private SessionPrincipalVerdict(bool isValid, ImmutableArray<string> roles) => (IsValid, Roles) = (isValid, roles);

    /// <summary>The user no longer exists, is disabled, or changed their password since the sign-in: the session ends.</summary>
    public static SessionPrincipalVerdict Invalid { get; } = new(false, []);

    public bool IsValid { get; }

    /// <summary>The user's roles now (empty for <see cref="Invalid"/>).</summary>
    public ImmutableArray<string> Roles { get; }

    /// <summary>The user is still valid, with <paramref name="roles"/> (the session's roles become these).</summary>
    public static SessionPrincipalVerdict Valid(IEnumerable<string> roles) => new(true, [.. roles]);
}
