using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

/// <summary>Validates <see cref="AuthOptions"/>; every message names its key.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (options.RenewalInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add("Auth:RenewalInterval must be at least one second.");
        }

        if (options.RenewalGrace < TimeSpan.Zero || options.RenewalGrace >= options.RenewalInterval)
        {
            errors.Add("Auth:RenewalGrace must be zero or more and shorter than Auth:RenewalInterval.");
        }

        if (options.PrincipalRevalidationInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add("Auth:PrincipalRevalidationInterval must be at least one second.");
        }

        if (options.MaxSessionsPerUser < 1)
        {
            errors.Add("Auth:MaxSessionsPerUser must be at least 1.");
        }

        if (options.EpochRefreshInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add("Auth:EpochRefreshInterval must be at least 100 ms.");
        }

        if (options.FreshAuthenticationWindow < TimeSpan.FromSeconds(1))
        {
            errors.Add("Auth:FreshAuthenticationWindow must be at least one second.");
        }

        if (options.EpochStaleAfter <= options.EpochRefreshInterval)
        {
            errors.Add("Auth:EpochStaleAfter must be longer than Auth:EpochRefreshInterval.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
