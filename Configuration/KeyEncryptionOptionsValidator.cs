using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

/// <summary>Validates <see cref="KeyEncryptionOptions"/>: every key file exists and holds a 256-bit key; every message names its key.</summary>
public sealed class KeyEncryptionOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyEncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyEncryptionOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.KeyPath))
        {
            Check(options.KeyPath, "KeyEncryption:KeyPath", errors);
        }
        else if (options.EncryptPayloads || options.PreviousKeyPaths.Count > 0)
        {
            errors.Add("KeyEncryption:KeyPath must be set when KeyEncryption:EncryptPayloads or KeyEncryption:PreviousKeyPaths is.");
        }

        foreach (var path in options.PreviousKeyPaths)
        {
            Check(path, "KeyEncryption:PreviousKeyPaths", errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void Check(string path, string key, List<string> errors)
    {
        var full = Path.GetFullPath(path, environment.ContentRootPath);
        if (!File.Exists(full))
        {
            errors.Add($"{key} names a file that does not exist.");
        }
        else if (KeyEncryptionKeyFile.TryRead(full) is null)
        {
            errors.Add($"{key} must hold {KeyEncryptionKeyFile.KeyBytes} random bytes, raw or as base64 text (e.g. `openssl rand -base64 32`).");
        }
    }
}
