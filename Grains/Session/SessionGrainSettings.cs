using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>
/// What every session grain reads and nothing changes: options, clock, logger and store, shared by all activations so
/// each carries one reference instead of one per dependency (100,000 activations are 100,000 copies of each field).
/// </summary>
public sealed class SessionGrainSettings(
    IOptions<SessionExpiryOptions> expiry,
    IOptions<SessionPersistenceOptions> persistence,
    IOptions<SessionLimitsOptions> limits,
    IOptions<SessionActivationOptions> activation,
    IOptions<AuthOptions> auth,
    SessionEpoch epoch,
    SessionAdmission admission,
    SessionMetrics metrics,
    SiloPageViews pageViews,
    SessionActivations activations,
    SessionLeaseSettings leases,
    SiloMembership membership,
    TimeProvider time,
    ILogger<SessionGrain> logger,
    ISessionStateStore store)
{
    public SessionExpiryOptions Expiry { get; } = expiry.Value;

    public SessionPersistenceOptions Persistence { get; } = persistence.Value;

    public SessionLimitsOptions Limits { get; } = limits.Value;

    /// <summary>An activation idle this long is collected (<c>SessionActivation:IdleDeactivation</c>).</summary>
    public TimeSpan IdleDeactivation { get; } = activation.Value.IdleDeactivation;

    public TimeSpan RenewalInterval { get; } = auth.Value.RenewalInterval;

    public TimeSpan RenewalGrace { get; } = auth.Value.RenewalGrace;

    /// <summary>A signed-in session's user and roles are re-checked by the app this often (<c>Auth:PrincipalRevalidationInterval</c>).</summary>
    public TimeSpan PrincipalRevalidationInterval { get; } = auth.Value.PrincipalRevalidationInterval;

    /// <summary>This silo's copy of the deployment's end-all generation.</summary>
    public SessionEpoch Epoch { get; } = epoch;

    /// <summary>This silo's count of sessions and session bytes in memory, against its limits.</summary>
    public SessionAdmission Admission { get; } = admission;

    public SessionMetrics Metrics { get; } = metrics;

    /// <summary>This silo's session activations, for the migration off a stopping silo.</summary>
    public SessionActivations Activations { get; } = activations;

    /// <summary>Read leases: on or off, duration, clock, meters.</summary>
    public SessionLeaseSettings Leases { get; } = leases;

    /// <summary>Whether this silo may serve its sessions: it confirmed its cluster membership recently (always, when off).</summary>
    public SiloMembership Membership { get; } = membership;

    /// <summary>This silo's page views, pre-aggregated for the analytics grain.</summary>
    public SiloPageViews PageViews { get; } = pageViews;

    /// <summary>The item keys of this silo's sessions, one string each.</summary>
    internal SessionKeyPool Keys { get; } = new();

    /// <summary>The store of session records, the one all sessions of this silo write through.</summary>
    public ISessionStateStore Store { get; } = store;

    public TimeProvider Time { get; } = time;

    public ILogger<SessionGrain> Logger { get; } = logger;
}
