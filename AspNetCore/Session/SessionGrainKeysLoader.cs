using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>
/// Loads the session-key secret (grain keys and cookie tags) at start: from <c>SessionGrainKey:Secret</c> when configured, else from the store kept
/// with the cookie key ring (<see cref="ISessionKeySecretStore"/>). With neither, only the Development environment gets a random
/// secret for this process (sessions and cookies then die with it, and another instance reads this one's cookies as
/// absent); anywhere else the start fails naming the key, before any other service starts.
/// </summary>
internal sealed class SessionGrainKeysLoader(
    SessionGrainKeys keys, SessionCookieTags cookieTags, IOptions<SessionGrainKeyOptions> options, IHostEnvironment environment,
    ILogger<SessionGrainKeysLoader> logger, ISessionKeySecretStore? store = null) : IHostedLifecycleService
{
    /// <summary>The start's failure when no secret is configured outside Development: one line, naming the key and the alternative.</summary>
    public const string MissingSecretMessage =
        "SessionGrainKey:Secret is not set and no session-key store is registered: outside Development set SessionGrainKey:Secret "
        + "(base64 of at least 32 bytes, the same on every frontend, e.g. from `openssl rand -base64 32`) or keep the secret with a "
        + "key ring (GrainSessions.Storage, e.g. ConnectionStrings:SessionsKeyRing).";

    /// <summary>Runs before any hosted service starts (a co-hosted silo among them), so a missing secret fails the start at once.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Secret is null && store is null && !environment.IsDevelopment())
        {
            throw new StartupException(MissingSecretMessage);
        }

        return Task.CompletedTask;
    }

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

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
