using Microsoft.Extensions.Logging;

namespace Sessions.Grains;

/// <summary>
/// The live session of a <see cref="SessionGrain"/>: whether it still lives (expiry, end-all), reads that touch it, its
/// metadata, its end, and what it counts against the silo's admission limits. A view over the grain's own
/// <see cref="SessionRecord"/>, <see cref="SessionExpiry"/> and <see cref="SessionAdmissionShare"/>, made per call: it
/// holds one reference and costs the activation nothing.
/// </summary>
internal readonly struct SessionLife(SessionGrain grain)
{
    private SessionRecord Record => grain.Record;

    private SessionGrainSettings Settings => grain.Settings;

    private ILogger Logger => grain.Settings.Logger;

    /// <summary>No lease shorter than this is granted: the frontend would hold it for no read.</summary>
    private static readonly TimeSpan MinimumLease = TimeSpan.FromMilliseconds(50);

    private DateTimeOffset Now => grain.Settings.Time.GetUtcNow();

    public async ValueTask<SessionSnapshot?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await EnsureLiveAsync(cancellationToken))
        {
            grain.DeactivateOnIdle();
            return null;
        }

        await TouchAsync(cancellationToken);
        return new SessionSnapshot(CreateInfo(withDerivedHandle: false), Record.State.Items);
    }

    /// <summary><see cref="LoadAsync"/> with a read lease for <paramref name="holder"/> when one can be granted (see <see cref="SessionLease"/>).</summary>
    public async ValueTask<SessionLeasedRead> LoadLeasedAsync(ISessionLeaseHolder holder, long heldVersion, CancellationToken cancellationToken)
    {
        if (!await EnsureLiveAsync(cancellationToken))
        {
            grain.DeactivateOnIdle();
            return SessionLeasedRead.Dead;
        }

        await TouchAsync(cancellationToken);
        var lease = GrantLease(holder);
        return lease is not null && heldVersion == Record.State.Version
            ? new SessionLeasedRead(true, null, lease)
            : new SessionLeasedRead(true, new SessionSnapshot(CreateInfo(withDerivedHandle: false), Record.State.Items), lease);
    }

    /// <summary>
    /// Revokes the read leases this activation granted, for a change of the session (<paramref name="ended"/>: it ends or
    /// leaves this key) or the activation's end (no <paramref name="fence"/>), and counts the accesses the holders
    /// reported; a change also waits out the fence of an activation that may follow a crash.
    /// </summary>
    public async ValueTask RevokeLeasesAsync(bool ended, bool fence = true)
    {
        if (grain.Leases is not { } leases)
        {
            return;
        }

        var revocation = new SessionLeaseRevocation(grain.GetPrimaryKeyString(), Record.State.Version, ended);
        if (await leases.RevokeAsync(revocation, Settings.Leases, fence, Logger) is { } ago)
        {
            var accessed = Now - ago;
            if (accessed > Record.LastAccessedAt)
            {
                Record.LastAccessedAt = accessed;
            }
        }
    }

    public async ValueTask<SessionValue?> GetValueAsync(string key, CancellationToken cancellationToken) =>
        (await LookUpValueAsync(key, cancellationToken)).Value;

    public async ValueTask<SessionValueLookup> LookUpValueAsync(string key, CancellationToken cancellationToken)
    {
        if (!await EnsureLiveAsync(cancellationToken))
        {
            grain.DeactivateOnIdle();
            return default;
        }

        await TouchAsync(cancellationToken);
        return new SessionValueLookup(sessionLive: true, Record.State.Items.TryGetValue(key, out var value) ? new SessionValue(value) : null);
    }

    public async ValueTask DestroyAsync(CancellationToken cancellationToken)
    {
        if (await EnsureLiveAsync(cancellationToken, ending: true))
        {
            await FinishAsync(SessionEndReason.Destroyed, cancellationToken);
        }

        grain.DeactivateOnIdle();
    }

    /// <summary>
    /// The session's metadata. Reads leave out a handle that is only derived from the grain key (a SHA-256 per read the
    /// caller, who knows the key, computes only when it needs the handle); one carried over by a rotation is always in.
    /// </summary>
    public SessionInfo CreateInfo(bool withDerivedHandle = true)
    {
        var session = Record.State;
        var login = session.Login;
        return new SessionInfo(
            session.CreatedAt, Record.LastAccessedAt, session.ExpiresAt(Record.LastAccessedAt), session.UserId,
            session.Items.Count, grain.Admission.Bytes, session.Version, withDerivedHandle ? Record.Handle : session.Handle ?? string.Empty,
            login?.Roles ?? [],
            RenewalDue: login is not null && Now >= login.RenewedAt + Settings.RenewalInterval,
            login?.UserAgent, login?.ClientAddress, login?.AuthenticatedAt, session.Rotations)
        {
            AuthenticationMethod = login?.AuthenticationMethod,
            RevalidationDue = login is not null && login.RevalidationDue(Now, Settings.PrincipalRevalidationInterval),
        };
    }

    public bool IsLapsed(DateTimeOffset now) => SessionExpiry.IsLapsed(Record.State, Record.LastAccessedAt, now);

    /// <summary>
    /// True when a session exists and has not lapsed (nor been ended by an administrator's end-all); a lapsed one is
    /// removed from storage here. Throws <see cref="SessionEpochStaleException"/> for a signed-in session while this
    /// silo cannot tell whether an end-all ended it, unless the caller is <paramref name="ending"/> the session anyway.
    /// </summary>
    public async ValueTask<bool> EnsureLiveAsync(CancellationToken cancellationToken, bool ending = false)
    {
        if (!Record.Exists)
        {
            return false;
        }

        var now = Now;
        if (Settings.Epoch.Ended(Record.State, refuseStale: !ending))
        {
            await FinishAsync(SessionEndReason.AdminEnded, cancellationToken);
        }
        else if (IsLapsed(now) && !await OutlivedByLeasedReadsAsync())
        {
            await FinishAsync(SessionExpiry.LapseReason(Record.State, now), cancellationToken);
        }
        else
        {
            return true;
        }

        grain.DeactivateOnIdle();
        return false;
    }

    /// <summary>
    /// Ends the session for <paramref name="reason"/>: removed from storage, counted, logged, and its user's index told
    /// (one-way, so an index that is calling this grain never waits on it). A renewal's trace is only removed.
    /// </summary>
    public async ValueTask FinishAsync(SessionEndReason reason, CancellationToken cancellationToken)
    {
        var state = Record.State;
        var fingerprint = Record.Fingerprint;
        var handle = Record.Handle;
        var trace = state.Forward is not null;
        var endedAt = SessionExpiry.EndedAt(state, Record.LastAccessedAt, reason, Now);
        await EndStoredAsync(cancellationToken, trace ? null : Record.EndEvent(reason, endedAt));
        if (trace)
        {
            return; // the trace of a renewal lapsed: the session itself lives (or ended) under its new ID
        }

        Settings.Metrics.Ended(reason);
        switch (reason)
        {
            case SessionEndReason.Destroyed:
                Logger.SessionDestroyed(fingerprint);
                break;
            case SessionEndReason.IdleTimeout or SessionEndReason.AbsoluteTimeout:
                Logger.SessionExpired(fingerprint, state.IdleTimeout);
                break;
            default:
                Logger.SessionEnded(fingerprint, reason);
                break;
        }

        if (state.UserId is { } userId)
        {
            await grain.Factory.GetGrain<IUserSessionsGrain>(userId).SessionEndedAsync(handle);
        }
    }

    /// <summary>Removes the session from storage (the row is deleted) and stops its timers; read leases are revoked first.</summary>
    public async ValueTask EndStoredAsync(CancellationToken cancellationToken, SessionLifecycleEvent? ended = null)
    {
        await RevokeLeasesAsync(ended: true);
        await Record.DeleteAsync(ended, cancellationToken);

        // Disposed only now: disposing a timer cancels the token of its running callback, which may be this call.
        grain.Expiry.Stop();
        Release();
    }

    /// <summary>
    /// Records an access in memory. Storage hears of it only once it has drifted by more than the configured
    /// fraction of the idle timeout, which bounds how early a session can end after a crash.
    /// </summary>
    public ValueTask TouchAsync(CancellationToken cancellationToken) => TouchAsync(Now, cancellationToken);

    /// <summary>Records an access at <paramref name="at"/> (one a frontend served from a lease); an earlier one than the last known changes nothing.</summary>
    public async ValueTask TouchAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (at <= Record.LastAccessedAt)
        {
            return;
        }

        Record.LastAccessedAt = at;
        if (SessionExpiry.AccessDueForStorage(Record.State, Record.LastAccessedAt, Settings.Expiry.LastAccessPersistFraction))
        {
            await new SessionChanges(grain).MutateAsync(
                static _ => new SessionWriteResult(SessionWriteStatus.Ok, 0), false, cancellationToken, revokesLeases: false); // readers see nothing new
        }
    }

    public void ArmExpiryTimer() => grain.Expiry.Arm(
        grain, Record.State.ExpiresAt(Record.LastAccessedAt), Now, Settings.IdleDeactivation,
        static (grain, cancellationToken) => new SessionLife(grain).OnExpiryTimerAsync(cancellationToken));

    /// <summary>Counts this activation's session, of <paramref name="bytes"/>, against the silo's admission limits.</summary>
    public void Admit(long bytes) => grain.Admission.Admit(Settings.Admission, bytes);

    /// <summary>The session left memory or ended: it no longer counts against the silo's limits.</summary>
    public void Release() => grain.Admission.Release(Settings.Admission);

    /// <summary>
    /// A session that looks lapsed while leases may be outstanding: the leases are revoked first, and the holders' latest
    /// accesses (reads served from memory the grain has not heard of yet) may show it is not.
    /// </summary>
    private async ValueTask<bool> OutlivedByLeasedReadsAsync()
    {
        if (grain.Leases is not { } leases || !leases.AnyOutstanding(Settings.Leases.Clock))
        {
            return false;
        }

        await RevokeLeasesAsync(ended: false);
        return !IsLapsed(Now);
    }

    /// <summary>
    /// The lease granted with a read, or null: leases are off, the session is a renewal's trace, or it expires, its ID
    /// renewal or its principal re-validation is due within <see cref="MinimumLease"/>. A lease ends before any of those,
    /// so a frontend never serves a read from memory past the point where the grain would have answered differently.
    /// </summary>
    private SessionLease? GrantLease(ISessionLeaseHolder holder)
    {
        var leases = Settings.Leases;
        var session = Record.State;
        if (!leases.Enabled || session.Forward is not null || Settings.Epoch.Ended(session, refuseStale: false))
        {
            return null; // the end-all check again, in the step that grants: an end-all waits one lease after every silo knew it
        }

        var now = Now;
        var duration = Shortest(leases.Duration, session.ExpiresAt(Record.LastAccessedAt) - now);
        var serveUntil = session.AbsoluteExpiresAt;
        if (session.Login is { } login)
        {
            var renewalDue = login.RenewedAt + Settings.RenewalInterval;
            var revalidationDue = (login.RevalidatedAt ?? login.AuthenticatedAt) + Settings.PrincipalRevalidationInterval;
            serveUntil = Earliest(serveUntil, Earliest(renewalDue, revalidationDue));
            duration = Shortest(duration, serveUntil - now);
            duration = Shortest(duration, Settings.Epoch.Freshness); // a silo that cannot vouch for its end-all epoch refuses it then
        }

        duration = Shortest(duration, Settings.Membership.Remaining); // no lease outlives the silo's membership confirmation

        if (duration < MinimumLease)
        {
            return null;
        }

        grain.GrantingLeases().Add(holder, duration, leases.Clock);
        leases.Granted();
        return new SessionLease(session.Version, duration, session.IdleTimeout, session.AbsoluteExpiresAt, leases.Silo, serveUntil);
    }

    private static TimeSpan Shortest(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private async Task OnExpiryTimerAsync(CancellationToken cancellationToken)
    {
        if (await EnsureLiveAsync(cancellationToken))
        {
            ArmExpiryTimer(); // accessed since the timer was set: wait for the new expiry time
        }
    }
}
