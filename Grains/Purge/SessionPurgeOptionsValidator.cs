using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>Validates <see cref="SessionPurgeOptions"/>; every message names its key.</summary>
public sealed class SessionPurgeOptionsValidator : IValidateOptions<SessionPurgeOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionPurgeOptions options)
    {
        var errors = new List<string>();
        if (options.Interval <= TimeSpan.Zero)
        {
            errors.Add("SessionPurge:Interval must be positive.");
        }

        if (options.BatchSize <= 0)
        {
            errors.Add("SessionPurge:BatchSize must be positive.");
        }

        if (options.Grace < TimeSpan.Zero)
        {
            errors.Add("SessionPurge:Grace must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
