using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>Validates <see cref="SessionExpiryOptions"/>; every message names its key.</summary>
public sealed class SessionExpiryOptionsValidator : IValidateOptions<SessionExpiryOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionExpiryOptions options)
    {
        var errors = new List<string>();
        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            errors.Add("SessionExpiry:IdleTimeout must be positive.");
        }

        if (options.MinIdleTimeout <= TimeSpan.Zero)
        {
            errors.Add("SessionExpiry:MinIdleTimeout must be positive.");
        }

        if (options.MaxIdleTimeout < options.MinIdleTimeout)
        {
            errors.Add($"SessionExpiry:MaxIdleTimeout ({options.MaxIdleTimeout}) must be at least SessionExpiry:MinIdleTimeout ({options.MinIdleTimeout}).");
        }

        if (options.AbsoluteLifetime <= TimeSpan.Zero)
        {
            errors.Add("SessionExpiry:AbsoluteLifetime must be positive.");
        }

        if (options.LastAccessPersistFraction is not (> 0 and <= 1))
        {
            errors.Add("SessionExpiry:LastAccessPersistFraction must be more than 0 and at most 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
