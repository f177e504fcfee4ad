using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>Validates <see cref="RateLimitOptions"/>; every message names its key.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        if (options.SessionCreationsPerMinute < 0)
        {
            errors.Add("RateLimits:SessionCreationsPerMinute must be 0 (no limit) or more.");
        }

        if (options.LoginsPerMinute < 0)
        {
            errors.Add("RateLimits:LoginsPerMinute must be 0 (no limit) or more.");
        }

        if (options.FailedLoginsBeforeBackoff < 0)
        {
            errors.Add("RateLimits:FailedLoginsBeforeBackoff must be 0 (no backoff) or more.");
        }

        if (options.FailedLoginBackoff <= TimeSpan.Zero || options.FailedLoginMaxBackoff < options.FailedLoginBackoff)
        {
            errors.Add("RateLimits:FailedLoginBackoff must be positive and RateLimits:FailedLoginMaxBackoff at least as long.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
