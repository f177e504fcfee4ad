using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>Validates <see cref="SessionServerApiOptions"/>; every message names its key, none shows a token.</summary>
public sealed class SessionServerApiOptionsValidator : IValidateOptions<SessionServerApiOptions>
{
    /// <summary>The shortest token accepted: 32 characters, e.g. 24 random bytes in base64.</summary>
    public const int MinTokenLength = 32;

    public ValidateOptionsResult Validate(string? name, SessionServerApiOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var token = options.Tokens[i];
            if (token is null || token.Length < MinTokenLength || token.Any(c => c <= ' ' || c > '~'))
            {
                errors.Add($"SessionServerApi:Tokens:{i} must be at least {MinTokenLength} printable ASCII characters without spaces.");
            }
        }

        if (options.RequestsPerMinute < 0)
        {
            errors.Add("SessionServerApi:RequestsPerMinute must be 0 (no limit) or more.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
