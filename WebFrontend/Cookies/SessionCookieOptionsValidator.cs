using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend.Cookies;

/// <summary>Validates <see cref="SessionCookieOptions"/>; every message names its key.</summary>
public sealed class SessionCookieOptionsValidator : IValidateOptions<SessionCookieOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionCookieOptions options) =>
        !string.IsNullOrWhiteSpace(options.Name) && options.Name.All(char.IsAsciiLetterOrDigit)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("SessionCookie:Name must be letters and digits.");
}
