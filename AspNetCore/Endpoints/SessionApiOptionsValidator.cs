using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>Validates <see cref="SessionApiOptions"/>; every message names its key.</summary>
public sealed class SessionApiOptionsValidator : IValidateOptions<SessionApiOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionApiOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.ClientWritableKeys.Count; i++)
        {
            if (!SessionKeyRules.IsValid(options.ClientWritableKeys[i], int.MaxValue))
            {
                errors.Add($"SessionApi:ClientWritableKeys:{i} must be a key the REST API can address: characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'.");
            }
        }

        for (var i = 0; i < options.ClientWritablePrefixes.Count; i++)
        {
            if (!SessionKeyRules.IsValid(options.ClientWritablePrefixes[i], int.MaxValue))
            {
                errors.Add($"SessionApi:ClientWritablePrefixes:{i} must be a non-empty prefix of A-Z, a-z, 0-9, '.', '_', ':' and '-'.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
