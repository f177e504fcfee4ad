using Microsoft.Extensions.Options;

namespace Sessions.Hosting;

/// <summary>Validates <see cref="ObservabilityOptions"/>; every message names its key.</summary>
public sealed class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, ObservabilityOptions options)
    {
        var errors = new List<string>();
        if (options.OtlpEndpoint.Length > 0 && !Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out _))
        {
            errors.Add($"Observability:OtlpEndpoint '{options.OtlpEndpoint}' is not an absolute URI.");
        }

        if (options.SiloMetricsPort is < 0 or > 65535)
        {
            errors.Add("Observability:SiloMetricsPort must be 0 (no endpoint) or a TCP port.");
        }

        if (string.IsNullOrWhiteSpace(options.SiloMetricsHost))
        {
            errors.Add("Observability:SiloMetricsHost is required.");
        }

        if (!options.OrleansDashboardPath.StartsWith('/') || options.OrleansDashboardPath.Length < 2 || options.OrleansDashboardPath.EndsWith('/'))
        {
            errors.Add($"Observability:OrleansDashboardPath '{options.OrleansDashboardPath}' must start with '/' and not end with it.");
        }

        if (string.IsNullOrWhiteSpace(options.OrleansDashboardRole))
        {
            errors.Add("Observability:OrleansDashboardRole is required.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
