using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>
/// Loads the session-key secret (grain keys and cookie tags) at start: from <c>SessionGrainKey:Secret</c> when configured, else from the store kept
/// with the cookie key ring, else (an in-memory key ring) a random one for this process.
/// </summary>
internal sealed class SessionGrainKeysLoader(
    SessionGrainKeys keys, SessionCookieTags cookieTags, IOptions<SessionGrainKeyOptions> options,
    ILogger<SessionGrainKeysLoader> logger, ISessionKeySecretStore? store = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var secret = await LoadAsync(cancellationToken);
        keys.Initialize(secret);
        cookieTags.Initialize(secret);
    }

    private async Task<byte[]> LoadAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Secret is { } configured)
        {
            return SessionGrainKeyOptionsValidator.Decode(configured)!;
        }

        if (store is not null)
        {
            return await store.GetOrCreateAsync(cancellationToken);
        }

        logger.SessionKeySecretEphemeral();
        return RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
