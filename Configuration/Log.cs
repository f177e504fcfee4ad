using Microsoft.Extensions.Logging;

namespace Sessions.Configuration;

internal static partial class Log
{
    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Deprecated configuration key {OldKey}: {Warning}")]
    public static partial void DeprecatedConfigurationKey(this ILogger logger, string oldKey, string warning);
}
