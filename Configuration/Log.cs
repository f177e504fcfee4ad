using Microsoft.Extensions.Logging;

namespace Sessions.Configuration;

internal static partial class Log
{
    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Deprecated configuration key {OldKey}: {Warning}")]
    public static partial void DeprecatedConfigurationKey(this ILogger logger, string oldKey, string warning);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Configuration key {Key} is set but no longer read: {Instead}")]
    public static partial void RetiredConfigurationKey(this ILogger logger, string key, string instead);
}
