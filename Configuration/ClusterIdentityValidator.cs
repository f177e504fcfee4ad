using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Sessions.Configuration;

/// <summary>
/// Validates the cluster identity that Orleans binds itself from <c>Orleans:ServiceId</c> and <c>Orleans:ClusterId</c>,
/// at start and with the keys named (Orleans' own check names neither).
/// </summary>
public sealed class ClusterIdentityValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var errors = new List<string>();
        Check("Orleans:ServiceId", options.ServiceId, errors);
        Check("Orleans:ClusterId", options.ClusterId, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(string key, string value, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} must not be empty.");
        }
        else if (value.Length > 150 || value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add($"{key} must be at most 150 characters without spaces or control characters.");
        }
    }
}
