using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sessions.Configuration;

/// <summary>Logs one warning per deprecated or retired configuration key found, when the host starts.</summary>
internal sealed class DeprecatedConfigurationKeysWarning(
    IReadOnlyList<DeprecatedConfigurationKeyUse> uses, IReadOnlyList<RetiredConfigurationKey> retired,
    ILogger<DeprecatedConfigurationKeysWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var use in uses)
        {
            logger.DeprecatedConfigurationKey(use.Key.OldKey, use.Warning);
        }

        foreach (var key in retired)
        {
            logger.RetiredConfigurationKey(key.Key, key.Instead);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
