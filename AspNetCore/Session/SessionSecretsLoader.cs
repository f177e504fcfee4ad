using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>
/// Loads the session-key secrets (grain keys and cookie tags) at start. The current one: <c>SessionGrainKey:Secret</c> when
/// configured (it takes precedence), else the one kept with the cookie key ring (<see cref="ISessionKeySecretStore"/>);
/// the previous ones of a secret rollover, still read: <c>SessionGrainKey:PreviousSecrets</c> (a stored secret being
/// replaced by a configured one is listed there). Logs the key ids in use, never a secret. With no current secret, only
/// the Development environment gets a random secret for this process (sessions and cookies then die with it, and another instance reads this one's cookies as
/// absent); anywhere else the start fails naming the key, before any other service starts.
/// </summary>
internal sealed class SessionSecretsLoader(
    SessionSecrets secrets, IOptions<SessionGrainKeyOptions> options, IHostEnvironment environment,
    ILogger<SessionSecretsLoader> logger, ISessionKeySecretStore? store = null) : IHostedLifecycleService
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
        var (current, source) = await LoadCurrentAsync(cancellationToken);
        secrets.Initialize(current, options.Value.PreviousSecrets.Select(previous => SessionGrainKeyOptionsValidator.Decode(previous)!));
        var previousKeyIds = secrets.All.Skip(1).Select(secret => secret.ToString()).ToList();
        logger.SessionKeySecretsLoaded(secrets.Current.ToString(), source, previousKeyIds.Count == 0 ? "none" : string.Join(", ", previousKeyIds));
    }

    private async Task<(byte[] Secret, string Source)> LoadCurrentAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Secret is { } configured)
        {
            return (SessionGrainKeyOptionsValidator.Decode(configured)!, "SessionGrainKey:Secret");
        }

        if (store is not null)
        {
            return (await store.GetOrCreateAsync(cancellationToken), "stored with the key ring");
        }

        logger.SessionKeySecretEphemeral();
        return (RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes), "this process only");
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
