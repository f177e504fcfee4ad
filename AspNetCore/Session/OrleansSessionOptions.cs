using Sessions.Configuration;

namespace Sessions.AspNetCore;

/// <summary>Frontend side of Orleans sessions. Bound from the <c>Session</c> configuration section.</summary>
/// <remarks>
/// Idle and absolute timeouts are enforced by the session grain (<c>SessionExpiry</c> on the silo; <see cref="IdleTimeout"/>
/// asks for this app's own idle timeout); the cookie is configured by <c>SessionCookie</c> and the size limits by <c>SessionLimits</c>.
/// </remarks>
[ConfigurationSection(SectionName, ConfigurationReaders.Frontend)]
public sealed class OrleansSessionOptions
{
    public const string SectionName = "Session";

    /// <summary>
    /// Longest a request waits for the session grain to load or commit. A load that takes longer fails with
    /// "Timed out loading the session." (answered 503 by the REST API). <c>SessionOptions.IOTimeout</c> set in code lands here.
    /// </summary>
    public TimeSpan IOTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where the frontend is an Orleans client of separate silos: an idempotent session call (a load, a commit, an
    /// increment with its operation id, a destroy) without an answer after this long is sent again, within
    /// <see cref="IOTimeout"/>. A call already sent to a silo that is killed gets neither an answer nor a rejection;
    /// this sends it on to the session's next activation instead of waiting out the whole timeout. Ignored with a
    /// co-hosted silo (embedded mode: no silo can go away alone, and a slow call sent twice only adds load).
    /// <c>00:00:00</c> (or at least <see cref="IOTimeout"/>): off.
    /// </summary>
    public TimeSpan CallAttemptTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Start fetching a request's session as soon as the session middleware runs (when the request has a valid cookie
    /// and matched a route), so synchronous <c>ISession</c> reads find it loaded instead of blocking a thread. The fetch
    /// only calls the grain; what it brings is applied on the request's own flow, and a fetch the request never used
    /// is cancelled and awaited before the request ends. Endpoints marked with
    /// <see cref="SessionEndpointConventionExtensions.WithoutSessionPreload{TBuilder}"/> skip it.
    /// </summary>
    public bool EagerLoad { get; set; } = true;

    /// <summary>
    /// Idle timeout of the sessions this app creates, sent with the write that creates each one and fixed for its life;
    /// unset: the silo's `SessionExpiry:IdleTimeout`. The silo keeps it within `SessionExpiry:MinIdleTimeout` and
    /// `SessionExpiry:MaxIdleTimeout` (a value outside gets the nearer bound). `SessionOptions.IdleTimeout` set in code
    /// lands here (left at the stock 20 minutes it counts as unset).
    /// </summary>
    public TimeSpan? IdleTimeout { get; set; }
}
