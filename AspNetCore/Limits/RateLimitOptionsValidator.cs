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

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
