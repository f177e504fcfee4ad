using System.Diagnostics.Metrics;

namespace Sessions.Grains;

/// <summary>
/// Whether this silo may serve its sessions: only while it confirmed, within <see cref="Window"/>, that the cluster
/// still counts it a member (<see cref="SiloMembershipConfirmer"/> reads its row of the membership table). A silo cut
/// off by a partition keeps its activations and, once healed, answers whoever still reaches it until it learns it was
/// declared dead; meanwhile the others activated its sessions anew and acknowledged changes it never saw. Refusing once
/// the window has passed bounds that: its answers and the leases it grants end by then, and an activation that read its
/// session from storage acknowledges no change before a window has passed (<see cref="Fence"/>).
/// </summary>
/// <remarks>
/// A read that began before the declaration returned the silo Active, so the window of the last confirmation began
/// before the session could activate elsewhere. Measured on the lease clock's monotonic timestamps, with the leases'
/// drift allowance. Off (<see cref="Enabled"/> false) where no other silo can take a session over: one silo on
/// localhost clustering, the embedded default.
/// </remarks>
public sealed class SiloMembership
{
    private readonly TimeProvider _clock;
    private readonly long _windowTicks;
    private readonly Counter<long>? _refused;
    private long _confirmedUntil;
    private volatile bool _declaredDead;

    /// <summary>Membership checking off: every call is served.</summary>
    public SiloMembership()
    {
        _clock = TimeProvider.System;
    }

    /// <summary>Serves sessions for <paramref name="window"/> after the start of each read that found this silo a member.</summary>
    public SiloMembership(TimeSpan window, TimeProvider clock, IMeterFactory meters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        (Enabled, Window, _clock) = (true, window, clock);
        _windowTicks = (long)(window.TotalSeconds * clock.TimestampFrequency);
        _confirmedUntil = clock.GetTimestamp(); // nothing served before the first confirmation
        _refused = meters.Create(SessionsMeter.Name).CreateCounter<long>(
            "sessions.membership.refused_calls", "{call}",
            "Session calls a silo refused because it had not confirmed its cluster membership recently (or was declared dead).");
    }

    public bool Enabled { get; }

    /// <summary>How long after the start of its last confirming read the silo still serves (<c>Silo:MembershipConfirmation</c>).</summary>
    public TimeSpan Window { get; }

    /// <summary>True once a read found this silo declared dead: it serves nothing more.</summary>
    public bool DeclaredDead => _declaredDead;

    /// <summary>
    /// How long an activation that may follow a crash or a cut-off silo waits before its first change: every answer and
    /// lease of a duplicate on a silo declared dead has ended by then (zero when off).
    /// </summary>
    public TimeSpan Fence => Enabled ? SessionLease.GrantorBound(Window) : TimeSpan.Zero;

    /// <summary>How much longer this silo may serve, on its last confirmation (<see cref="TimeSpan.MaxValue"/> when off).</summary>
    public TimeSpan Remaining
    {
        get
        {
            if (!Enabled)
            {
                return TimeSpan.MaxValue;
            }

            var now = _clock.GetTimestamp();
            var until = Interlocked.Read(ref _confirmedUntil);
            return !_declaredDead && until > now ? _clock.GetElapsedTime(now, until) : TimeSpan.Zero;
        }
    }

    /// <summary>Throws <see cref="SiloMembershipUnconfirmedException"/> unless this silo may serve a session call now.</summary>
    public void ThrowIfUnconfirmed()
    {
        if (Enabled && (_declaredDead || _clock.GetTimestamp() >= Interlocked.Read(ref _confirmedUntil)))
        {
            _refused!.Add(1);
            throw new SiloMembershipUnconfirmedException(_declaredDead
                ? "This silo was declared dead by the cluster; its sessions are served elsewhere."
                : $"This silo has not confirmed its cluster membership within Silo:MembershipConfirmation ({Window}).");
        }
    }

    /// <summary>A read that started at <paramref name="readStarted"/> (a lease-clock timestamp) found this silo a member.</summary>
    internal void Confirm(long readStarted) => AtomicMaximum.Raise(ref _confirmedUntil, readStarted + _windowTicks);

    /// <summary>A read found this silo declared dead: it refuses every session call from now on.</summary>
    internal void MarkDeclaredDead() => _declaredDead = true;
}
