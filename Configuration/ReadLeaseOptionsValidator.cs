using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

/// <summary>Validates <see cref="ReadLeaseOptions"/>; every message names its key.</summary>
public sealed class ReadLeaseOptionsValidator : IValidateOptions<ReadLeaseOptions>
{
    public ValidateOptionsResult Validate(string? name, ReadLeaseOptions options)
    {
        var errors = new List<string>();
        if (options.Duration < TimeSpan.FromMilliseconds(100) || options.Duration > TimeSpan.FromSeconds(30))
        {
            errors.Add("ReadLeases:Duration must be between 00:00:00.1 and 00:00:30 (a change may wait this long for a frontend that does not answer).");
        }

        if (options.CacheSizeBytes < 1024 * 1024)
        {
            errors.Add("ReadLeases:CacheSizeBytes must be at least 1 MiB (1048576).");
        }

        if (options.AccessReportInterval < TimeSpan.FromMilliseconds(100) || options.AccessReportInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add("ReadLeases:AccessReportInterval must be between 00:00:00.1 and 00:01:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
