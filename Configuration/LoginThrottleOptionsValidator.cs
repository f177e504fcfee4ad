using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

/// <summary>Validates <see cref="LoginThrottleOptions"/>; every message names its key.</summary>
public sealed class LoginThrottleOptionsValidator : IValidateOptions<LoginThrottleOptions>
{
    public ValidateOptionsResult Validate(string? name, LoginThrottleOptions options)
    {
        var errors = new List<string>();
        AtLeastOne(errors, "AddressBurst", options.AddressBurst);
        AtLeastOne(errors, "AddressAttemptsPerHour", options.AddressAttemptsPerHour);
        AtLeastOne(errors, "AccountBurst", options.AccountBurst);
        AtLeastOne(errors, "AccountAttemptsPerHour", options.AccountAttemptsPerHour);
        AtLeastOne(errors, "MaxTrackedPrefixes", options.MaxTrackedPrefixes);
        if (options.MaxTrustedPrefixes < 0)
        {
            errors.Add("LoginThrottle:MaxTrustedPrefixes must be 0 (trust no prefix) or more.");
        }

        if (options.AccountAttemptsPerHour > 0
            && options.IdleDeactivation < TimeSpan.FromHours((double)options.AccountBurst / options.AccountAttemptsPerHour))
        {
            errors.Add("LoginThrottle:IdleDeactivation must be at least as long as LoginThrottle:AccountBurst takes to come back at "
                + "LoginThrottle:AccountAttemptsPerHour; a shorter one would give an attacker a full budget each time the grain leaves memory.");
        }

        if (options.IdleDeactivation < TimeSpan.FromMinutes(2))
        {
            errors.Add("LoginThrottle:IdleDeactivation must be at least 2 minutes.");
        }

        if (options.IPv4PrefixLength is < 1 or > 32)
        {
            errors.Add("LoginThrottle:IPv4PrefixLength must be between 1 and 32.");
        }

        if (options.IPv6PrefixLength is < 1 or > 128)
        {
            errors.Add("LoginThrottle:IPv6PrefixLength must be between 1 and 128.");
        }

        if (options.LogInterval <= TimeSpan.Zero)
        {
            errors.Add("LoginThrottle:LogInterval must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void AtLeastOne(List<string> errors, string key, int value)
    {
        if (value < 1)
        {
            errors.Add($"LoginThrottle:{key} must be at least 1.");
        }
    }
}
