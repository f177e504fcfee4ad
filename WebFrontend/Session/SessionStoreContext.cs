using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend.Session;

/// <summary>What every <see cref="OrleansSession"/> shares: the grains, the cookie, the limits and the call timeout.</summary>
public sealed class SessionStoreContext(
    IGrainFactory grains,
    SessionCookie cookie,
    IOptions<SessionLimitsOptions> limits,
    IOptions<FrontendOptions> frontend,
    ILogger<SessionStoreContext> logger)
{
    public SessionCookie Cookie { get; } = cookie;

    public SessionLimitsOptions Limits { get; } = limits.Value;

    public TimeSpan GrainCallTimeout { get; } = frontend.Value.GrainCallTimeout;

    public ISessionGrain Grain(string sessionId) => grains.GetGrain<ISessionGrain>(sessionId);

    /// <summary>
    /// Runs a grain call bound by the request's lifetime and <see cref="GrainCallTimeout"/>. A timeout becomes a
    /// <see cref="TimeoutException"/> (answered with 503); a client abort stays a cancellation.
    /// </summary>
    public async ValueTask<T> CallAsync<T>(
        HttpContext http, Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, http.RequestAborted);
        linked.CancelAfter(GrainCallTimeout);
        try
        {
            return await call(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            logger.GrainCallTimedOut(GrainCallTimeout);
            throw new TimeoutException($"The session store did not answer within {GrainCallTimeout.TotalSeconds:0.###} s.");
        }
    }
}
