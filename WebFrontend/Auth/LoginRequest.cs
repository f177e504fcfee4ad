namespace Sessions.WebFrontend.Auth;

/// <summary>The body of <c>POST /api/auth/login</c>.</summary>
public sealed record LoginRequest(string? UserName, string? Password)
{
    public const int MaxUserNameLength = 256;

    public const int MaxPasswordLength = 1024;
}
