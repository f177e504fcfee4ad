using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

/// <summary>Validates <see cref="ClusterTlsOptions"/> when TLS is on: a certificate that exists and a way to trust peers; every message names its key.</summary>
public sealed class ClusterTlsOptionsValidator(IHostEnvironment environment) : IValidateOptions<ClusterTlsOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterTlsOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        RequireFile(options.CertificatePath, "ClusterTls:CertificatePath", errors, required: true);
        if (options.CertificatePath is { } certificate && ClusterTlsCertificates.IsPem(certificate))
        {
            RequireFile(options.CertificateKeyPath, "ClusterTls:CertificateKeyPath", errors, required: true);
        }

        RequireFile(options.CaCertificatePath, "ClusterTls:CaCertificatePath", errors, required: false);
        if (string.IsNullOrWhiteSpace(options.CaCertificatePath) && options.TrustedThumbprints.Count == 0)
        {
            errors.Add("ClusterTls:CaCertificatePath or ClusterTls:TrustedThumbprints must be set when ClusterTls:Enabled is true (no peer is trusted otherwise).");
        }

        foreach (var thumbprint in options.TrustedThumbprints)
        {
            if (ClusterTlsCertificates.NormalizeThumbprint(thumbprint) is not { Length: 64 } normalized || !normalized.All(char.IsAsciiHexDigit))
            {
                errors.Add("ClusterTls:TrustedThumbprints must hold SHA-256 fingerprints (64 hex digits, colons allowed).");
                break;
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void RequireFile(string? path, string key, List<string> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            if (required)
            {
                errors.Add($"{key} must be set when ClusterTls:Enabled is true.");
            }

            return;
        }

        if (!File.Exists(Path.GetFullPath(path, environment.ContentRootPath)))
        {
            errors.Add($"{key} names a file that does not exist.");
        }
    }
}
