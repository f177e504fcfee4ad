using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>Validates <see cref="OrleansSessionOptions"/>; every message names its key.</summary>
public sealed class OrleansSessionOptionsValidator : IValidateOptions<OrleansSessionOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansSessionOptions options)
    {
        if (options.IOTimeout <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Session:IOTimeout must be positive.");
        }

        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"Session:IdleTimeout must be positive (or unset: the silo's SessionExpiry:IdleTimeout); it is {options.IdleTimeout}.");
        }

        return options.CallAttemptTimeout < TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"Session:CallAttemptTimeout must not be negative (00:00:00: off); it is {options.CallAttemptTimeout}.")
            : ValidateOptionsResult.Success;
    }
}
