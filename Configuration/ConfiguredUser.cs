namespace Sessions.Configuration;

/// <summary>One user of the configured user store (<c>Auth:Users:{userName}</c>).</summary>
public sealed class ConfiguredUser
{
    /// <summary>The stable id sessions and the user index are keyed by; defaults to the user name.</summary>
    public string? UserId { get; set; }

    /// <summary>A hash in the format of ASP.NET Core's <c>PasswordHasher</c> (PBKDF2-HMAC-SHA512, 100,000 iterations).</summary>
    public string PasswordHash { get; set; } = "";

    public List<string> Roles { get; set; } = [];
}
