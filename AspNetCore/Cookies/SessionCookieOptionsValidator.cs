using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>Validates <see cref="SessionCookieOptions"/>; every message names its key.</summary>
public sealed class SessionCookieOptionsValidator : IValidateOptions<SessionCookieOptions>
{
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public ValidateOptionsResult Validate(string? name, SessionCookieOptions options)
    {
        var errors = new List<string>();
        if (!IsValidName(options.Name))
        {
            errors.Add("SessionCookie:Name must be letters, digits, '-', '_' and '.'.");
        }

        if (!options.Path.StartsWith('/') || options.Path.Any(c => char.IsControl(c) || c is ';' or ' '))
        {
            errors.Add("SessionCookie:Path must start with '/' and hold no spaces, ';' or control characters.");
        }

        if (options.Domain.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-')))
        {
            errors.Add("SessionCookie:Domain must be a host name (letters, digits, '.' and '-') or empty.");
        }

        if (options.HeaderName.Length > 0 && (!IsValidName(options.HeaderName) || options.HeaderName.Contains('.')
            || options.HeaderName.Equals("Cookie", StringComparison.OrdinalIgnoreCase)
            || options.HeaderName.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("SessionCookie:HeaderName must be empty (cookie) or a header name of letters, digits, '-' and '_' other than Cookie and Authorization.");
        }

        if (options.SameSite is not (SameSiteMode.Lax or SameSiteMode.Strict or SameSiteMode.None))
        {
            errors.Add("SessionCookie:SameSite must be Lax, Strict or None.");
        }
        else if (options.SameSite == SameSiteMode.None && !options.AllowSameSiteNone)
        {
            errors.Add("SessionCookie:SameSite=None sends the session cookie with every cross-site request: set "
                + "SessionCookie:AllowSameSiteNone=true as well if that is meant (see docs/security.md), or use Lax.");
        }

        if (options.SecurePolicy is not (CookieSecurePolicy.SameAsRequest or CookieSecurePolicy.Always))
        {
            errors.Add("SessionCookie:SecurePolicy must be SameAsRequest or Always: the cookie is a credential and is Secure on HTTPS.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
