using Microsoft.Extensions.Options;

namespace Sessions.Configuration;

/// <summary>Failures at start that are the operator's to fix (configuration, database schema), told in one message each.</summary>
public static class StartupFailure
{
    /// <summary>
    /// The messages of <paramref name="exception"/> when it is an invalid configuration value or a
    /// <see cref="StartupException"/> (alone, or several of them gathered by the host's start), one per line; null for anything else.
    /// </summary>
    public static string? Describe(Exception exception)
    {
        var causes = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];
        return causes.All(c => c is OptionsValidationException or StartupException)
            ? string.Join(Environment.NewLine, causes.Select(c => c.Message).Distinct())
            : null;
    }
}
