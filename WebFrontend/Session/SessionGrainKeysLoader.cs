using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Sessions.Silo;

namespace Sessions.WebFrontend.Session;

/// <summary>
/// Loads the session-key secret at start: from <c>SessionGrainKey:Secret</c> when configured, else from the store kept
/// with the cookie key ring, else (an in-memory key ring) a random one for this process.
/// </summary>
internal sealed class SessionGrainKeysLoader(
    SessionGrainKeys keys, IOptions<SessionGrainKeyOptions> options, ILogger<SessionGrainKeysLoader> logger,
    ISessionKeySecretStore? store = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Secret is { } configured)
        {
            keys.Initialize(SessionGrainKeyOptionsValidator.Decode(configured)!);
        }
        else if (store is not null)
        {
            keys.Initialize(await store.GetOrCreateAsync(cancellationToken));
        }
        else
        {
            logger.SessionKeySecretEphemeral();
            keys.Initialize(RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
