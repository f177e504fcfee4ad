using Microsoft.Extensions.Options;
using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>Validates <see cref="SessionGrainKeyOptions"/>; the message names the key, never the secret.</summary>
public sealed class SessionGrainKeyOptionsValidator : IValidateOptions<SessionGrainKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionGrainKeyOptions options) =>
        options.Secret is null || Decode(options.Secret) is { Length: >= SessionKeySecret.Bytes }
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"SessionGrainKey:Secret must be base64 of at least {SessionKeySecret.Bytes} bytes.");

    public static byte[]? Decode(string secret)
    {
        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var written) ? buffer[..written] : null;
    }
}
