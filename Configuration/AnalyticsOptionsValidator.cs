using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

/// <summary>Validates <see cref="AnalyticsOptions"/>; every message names its key.</summary>
public sealed class AnalyticsOptionsValidator : IValidateOptions<AnalyticsOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalyticsOptions options)
    {
        var errors = new List<string>();
        if (options.EventPollInterval <= TimeSpan.Zero)
        {
            errors.Add("Analytics:EventPollInterval must be positive.");
        }

        if (options.EventBatchSize is <= 0 or > 10_000)
        {
            errors.Add("Analytics:EventBatchSize must be between 1 and 10000.");
        }

        if (options.FlushInterval <= TimeSpan.Zero)
        {
            errors.Add("Analytics:FlushInterval must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
