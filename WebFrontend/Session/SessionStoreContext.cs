using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Sessions.WebFrontend.Session;

/// <summary>What every <see cref="OrleansSession"/> shares: the grains, the cookie, the limits and the options.</summary>
public sealed class SessionStoreContext(
    IGrainFactory grains,
    SessionGrainKeys keys,
    SessionCookie cookie,
    IOptions<SessionLimitsOptions> limits,
    IOptions<OrleansSessionOptions> options,
    ILogger<SessionStoreContext> logger)
{
    public SessionCookie Cookie { get; } = cookie;

    public SessionLimitsOptions Limits { get; } = limits.Value;

    public bool EagerLoad { get; } = options.Value.EagerLoad;

    /// <summary>The one place a session id becomes its grain: keyed by a keyed hash of the id, never the id.</summary>
    public ISessionGrain Grain(string sessionId) => grains.GetGrain<ISessionGrain>(keys.For(sessionId));

    public void LoadFailed(Exception exception) => logger.SessionLoadFailed(exception);

    /// <summary>
    /// Runs a grain call bound by the request's lifetime and <paramref name="timeout"/>. A timeout becomes a
    /// <see cref="SessionStoreTimeoutException"/> saying what timed out; a client abort stays a plain cancellation.
    /// An <paramref name="idempotent"/> call that failed because its silo or gateway went away is retried within the
    /// timeout, so losing one silo of several costs a retry, not an error.
    /// </summary>
    public async ValueTask<T> CallAsync<T>(
        HttpContext http, string operation, TimeSpan timeout, bool idempotent, Func<CancellationToken, ValueTask<T>> call,
        CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken, http.RequestAborted);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await call(linked.Token);
                }
                catch (Exception exception) when (idempotent && IsSiloLoss(exception) && !linked.IsCancellationRequested)
                {
                    logger.SessionCallRetried(operation, attempt, exception.GetType().Name);
                    await Task.Delay(RetryDelay(attempt), linked.Token);
                }
            }
        }
        catch (OperationCanceledException exception) when (limit.IsCancellationRequested && exception is not SessionStoreTimeoutException)
        {
            logger.SessionOperationTimedOut(operation, timeout);
            throw new SessionStoreTimeoutException($"Timed out {operation} the session.", limit.Token);
        }
    }

    private static bool IsSiloLoss(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException;

    private static TimeSpan RetryDelay(int attempt) => TimeSpan.FromMilliseconds(Math.Min(50 * attempt * attempt, 1000));
}
