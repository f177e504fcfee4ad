using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sessions.Storage;

/// <summary>Outside Development, says once at start that the key ring and the session-key secret are stored without a key-encryption key.</summary>
internal sealed class KeyEncryptionWarning(ConfiguredKeyEncryption encryption, IHostEnvironment environment, ILogger<KeyEncryptionWarning> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (encryption.Keys is null && !environment.IsDevelopment())
        {
            logger.KeyRingStoredWithoutKeyEncryption();
        }
        else if (encryption.Keys is { } keys)
        {
            logger.KeyEncryptionInUse(keys.CurrentKeyId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
