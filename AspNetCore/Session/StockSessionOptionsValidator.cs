using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// Refuses, at start, what an app sets on the stock <see cref="SessionOptions"/> that Sessions cannot honour, rather
/// than ignoring it: the session cookie is a credential (always HttpOnly, never persistent). <c>IdleTimeout</c> is honoured
/// (<see cref="StockSessionOptionsMapping"/>).
/// </summary>
internal sealed class StockSessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        var errors = new List<string>();
        if (!options.Cookie.HttpOnly)
        {
            errors.Add("SessionOptions.Cookie.HttpOnly = false is not supported: the session cookie carries a credential and stays HttpOnly.");
        }

        if (options.Cookie.MaxAge is not null)
        {
            errors.Add("SessionOptions.Cookie.MaxAge is not supported: the session cookie has no expiry; SessionExpiry:* ends sessions.");
        }

        if (options.Cookie.Extensions.Count > 0)
        {
            errors.Add("SessionOptions.Cookie.Extensions are not supported by the Sessions cookie.");
        }

        if (options.Cookie.Name is { } cookieName && !SessionCookieOptionsValidator.IsValidName(cookieName))
        {
            errors.Add($"SessionOptions.Cookie.Name '{cookieName}' is not a valid SessionCookie:Name: letters, digits, '-', '_' and '.'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
