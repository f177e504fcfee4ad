using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

/// <summary>Validates <see cref="SessionLimitsOptions"/>; every message names its key.</summary>
public sealed class SessionLimitsOptionsValidator : IValidateOptions<SessionLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionLimitsOptions options)
    {
        var errors = new List<string>();
        if (options.MaxKeyLength <= 0)
        {
            errors.Add("SessionLimits:MaxKeyLength must be positive.");
        }

        if (options.MaxValueBytes <= 0)
        {
            errors.Add("SessionLimits:MaxValueBytes must be positive.");
        }

        if (options.MaxSessionBytes < options.MaxValueBytes)
        {
            errors.Add("SessionLimits:MaxSessionBytes must be at least SessionLimits:MaxValueBytes.");
        }

        if (options.MaxKeys <= 0)
        {
            errors.Add("SessionLimits:MaxKeys must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
