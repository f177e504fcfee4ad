using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>Creates the <see cref="OrleansSession"/> of a request, for our middleware and for the stock one alike.</summary>
public sealed class OrleansSessionFactory(
    SessionCookie cookie,
    SessionGrains grains,
    SessionSecrets secrets,
    SecretRolloverMoves rolloverMoves,
    SessionCallPolicy calls,
    SessionCreationLimiter creations,
    SessionIdSignals signals,
    IOptions<SessionLimitsOptions> limits,
    IOptions<OrleansSessionOptions> options,
    IOptions<ReadLeaseOptions> leaseOptions,
    IServiceProvider services,
    ILogger<OrleansSession> logger)
{
    private readonly LeasedSessionLoads? _leases = leaseOptions.Value.Enabled ? services.GetRequiredService<LeasedSessionLoads>() : null;
    private readonly SessionLimitsOptions _limits = limits.Value;
    private readonly bool _eagerLoad = options.Value.EagerLoad;
    private readonly TimeSpan? _idleTimeout = options.Value.IdleTimeout;

    /// <summary>
    /// Whether the session of <paramref name="http"/> is fetched as soon as the request arrives: with
    /// <c>Session:EagerLoad</c>, when the request carries a session cookie or header (not yet validated) and matched a route whose
    /// endpoint may read the session (not one marked <c>WithoutSessionPreload()</c>; never an unmatched path or method).
    /// </summary>
    public bool Preloads(HttpContext http) =>
        _eagerLoad && cookie.IsPresent(http.Request) && EndpointMayRead(http);

    /// <summary>
    /// The session of <paramref name="http"/>: the cookie is validated here (the only cryptography of a request that
    /// does not write), and when <see cref="Preloads"/> says so, a session the cookie names starts fetching.
    /// </summary>
    public OrleansSession Create(HttpContext http)
    {
        string? cookieSessionId = null;
        SessionSecret? previousSecret = null;
        if (cookie.TryRead(http.Request, out var id, out var secret))
        {
            cookieSessionId = id;
            previousSecret = secrets.IsPrevious(secret) ? secret : null;
        }
        else if (cookie.IsPresent(http.Request))
        {
            signals.Forged(http); // present but not valid: never reaches the cluster, but counted and logged
        }

        var session = new RequestSession(
            http, cookieSessionId, previousSecret, cookie, grains, calls, creations, signals, _limits, rolloverMoves, _leases, _idleTimeout, logger);
        if (cookieSessionId is not null && _eagerLoad && EndpointMayRead(http))
        {
            session.StartFetch();
        }

        return new OrleansSession(session);
    }

    // A route endpoint: the 405 endpoint routing picks for a known path with another method is a plain Endpoint.
    private static bool EndpointMayRead(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<SessionPreloadMetadata>() is null;
}
