using Microsoft.Extensions.Options;
using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>Validates <see cref="SessionGrainKeyOptions"/>; the message names the key, never the secret.</summary>
public sealed class SessionGrainKeyOptionsValidator : IValidateOptions<SessionGrainKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionGrainKeyOptions options)
    {
        var errors = new List<string>();
        var current = options.Secret is null ? null : Decode(options.Secret);
        if (options.Secret is not null && current is not { Length: >= SessionKeySecret.Bytes })
        {
            errors.Add($"SessionGrainKey:Secret must be base64 of at least {SessionKeySecret.Bytes} bytes.");
        }

        if (options.PreviousSecrets.Count > SessionGrainKeyOptions.MaxPreviousSecrets)
        {
            errors.Add($"SessionGrainKey:PreviousSecrets holds at most {SessionGrainKeyOptions.MaxPreviousSecrets} secrets: remove the oldest once its overlap is over.");
        }

        var keyIds = new HashSet<uint>();
        if (current is { Length: >= SessionKeySecret.Bytes })
        {
            keyIds.Add(SessionSecret.KeyIdOf(current));
        }

        for (var i = 0; i < options.PreviousSecrets.Count; i++)
        {
            if (Decode(options.PreviousSecrets[i]) is not { Length: >= SessionKeySecret.Bytes } previous)
            {
                errors.Add($"SessionGrainKey:PreviousSecrets:{i} must be base64 of at least {SessionKeySecret.Bytes} bytes.");
            }
            else if (!keyIds.Add(SessionSecret.KeyIdOf(previous)))
            {
                errors.Add($"SessionGrainKey:PreviousSecrets:{i} repeats SessionGrainKey:Secret or another previous secret.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static byte[]? Decode(string secret)
    {
        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var written) ? buffer[..written] : null;
    }
}
