using Microsoft.Extensions.Logging;

namespace Sessions.Grains;

/// <summary>
/// One session. Not reentrant: calls run one at a time, so concurrent requests never lose each other's changes.
/// Expiry is judged from timestamps on every call; the timer only ends idle sessions promptly. Reads keep the
/// last-access time in memory and persist it lazily, so a read costs no storage write.
/// </summary>
/// <remarks>
/// An activation carries as little as it can: shared settings, no cached strings, and an expiry timer only when the
/// session would expire before the activation is collected for idleness (otherwise collection takes it out of
/// memory first, and the purge or the next access ends it). Under an ID renewed away from, the grain keeps only the
/// trace of the move (<see cref="SessionForward"/>): see <c>SessionGrain.Rotation.cs</c>.
/// <para>
/// The grain keeps the lifecycle and routes each call (<c>RouteAsync</c>: here, or forwarded after a renewal); the
/// work is in parts it owns (Grains/Session/): <see cref="SessionRecord"/> (state, version, unstored changes,
/// write-through and write-behind, conflict replay, what a migration carries), <see cref="SessionWriteBehind"/>,
/// <see cref="SessionExpiry"/> (rules and timer), <see cref="SessionAdmissionShare"/> and <see cref="SessionMoves"/>.
/// </para>
/// </remarks>
public sealed partial class SessionGrain(SessionGrainSettings settings) : Grain, ISessionGrain, ISessionHandover
{
    private SessionRecord? _record;
    private SessionAdmissionShare _admission;
    private SessionExpiry _expiry;

    /// <summary>What every session grain of this silo reads: options, clock, logger, store.</summary>
    internal SessionGrainSettings Settings => settings;

    /// <summary>The session's record: state, version, last access, unstored changes (created with the activation).</summary>
    private SessionRecord Record => _record ??= new SessionRecord(this);

    private TimeProvider Time => settings.Time;

    private ILogger<SessionGrain> Logger => settings.Logger;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Record.ActivateAsync(cancellationToken);
        settings.Activations.Add(this); // only once activated: a failed activation gets no OnDeactivateAsync to remove it
        if (Record.Exists)
        {
            Admit(SessionSize.Of(Record.State.Items));
            ArmExpiryTimer();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Record.WaitForFlushAsync();
        try
        {
            if (Record.Exists && !IsLapsed(Time.GetUtcNow()))
            {
                await Record.StoreOnDeactivationAsync(IsMigrating(reason), cancellationToken);
            }
        }
        finally
        {
            Release();
            settings.Activations.Remove(this);
        }
    }

    public ValueTask<SessionSnapshot?> LoadAsync(CancellationToken cancellationToken = default) => RouteAsync(
        0, static (grain, _, ct) => grain.LoadHereAsync(ct), static (target, _, ct) => target.LoadAsync(ct), null, cancellationToken);

    public ValueTask<SessionValue?> GetValueAsync(string key, CancellationToken cancellationToken = default) => RouteAsync(
        key, static (grain, key, ct) => grain.GetValueHereAsync(key, ct), static (target, key, ct) => target.GetValueAsync(key, ct),
        null, cancellationToken);

    public ValueTask<SessionInfo?> GetInfoAsync(CancellationToken cancellationToken = default) => RouteAsync(
        0, static async (grain, _, ct) => await grain.EnsureLiveAsync(ct) ? grain.CreateInfo(withDerivedHandle: false) : null,
        static (target, _, ct) => target.GetInfoAsync(ct), null, cancellationToken);

    public ValueTask<SessionWriteResult> ApplyAsync(SessionChangeSet changes, CancellationToken cancellationToken = default) => RouteAsync(
        changes,
        static (grain, changes, ct) => grain.ApplyHereAsync(changes, ct),
        static (target, changes, ct) => target.ApplyAsync(changes, ct),
        SessionWriteResult.Failed(SessionWriteStatus.NotFound), cancellationToken);

    public ValueTask<SessionWriteResult> IncrementAsync(
        string key, long by, bool createIfMissing, CancellationToken cancellationToken = default) => RouteAsync(
        (key, by, createIfMissing),
        static (grain, a, ct) => grain.IncrementHereAsync(a.key, a.by, a.createIfMissing, ct),
        static (target, a, ct) => target.IncrementAsync(a.key, a.by, a.createIfMissing, ct),
        SessionWriteResult.Failed(SessionWriteStatus.NotFound), cancellationToken);

    public ValueTask<SessionWriteResult> IncrementOnceAsync(
        string key, long by, bool createIfMissing, Guid operationId, CancellationToken cancellationToken = default) => RouteAsync(
        (key, by, createIfMissing, operationId),
        static (grain, a, ct) => grain.IncrementOnceHereAsync(a.key, a.by, a.createIfMissing, a.operationId, ct),
        static (target, a, ct) => target.IncrementOnceAsync(a.key, a.by, a.createIfMissing, a.operationId, ct),
        SessionWriteResult.Failed(SessionWriteStatus.NotFound), cancellationToken);

    public async ValueTask DestroyAsync(CancellationToken cancellationToken = default) => await RouteAsync(
        0,
        static async (grain, _, ct) =>
        {
            await grain.DestroyHereAsync(ct);
            return true;
        },
        static async (target, _, ct) =>
        {
            await target.DestroyAsync(ct);
            return true;
        },
        false, cancellationToken);

    public async ValueTask<SessionInfo?> DescribeAsync(CancellationToken cancellationToken = default)
    {
        if (!await EnsureLiveAsync(cancellationToken))
        {
            return null;
        }

        return Record.State.Forward is { } forward
            ? await SessionAt(forward.To).DescribeAsync(cancellationToken)
            : CreateInfo() with { GrainKey = this.GetPrimaryKeyString() };
    }

    public async ValueTask EndAsync(SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        if (await EnsureLiveAsync(cancellationToken, ending: true))
        {
            if (Record.State.Forward is { } forward)
            {
                await SessionAt(forward.To).EndAsync(reason, cancellationToken);
                await EndStoredAsync(cancellationToken);
            }
            else
            {
                await FinishAsync(reason, cancellationToken);
            }
        }

        this.DeactivateOnIdle();
    }

    public async Task RecordVisitAsync(SessionVisit visit)
    {
        if (!Record.Exists || Record.State.Forward is not null || !await EnsureLiveAsync(CancellationToken.None))
        {
            return; // no live session here (a renewed-away ID's trace counts nothing: its requests went to the new ID)
        }

        Record.RecordVisit(visit, Time.GetUtcNow());
        if (visit.IsPageView)
        {
            settings.PageViews.Record(visit.Path);
        }
    }

    private async ValueTask<SessionSnapshot?> LoadHereAsync(CancellationToken cancellationToken)
    {
        if (!await EnsureLiveAsync(cancellationToken))
        {
            this.DeactivateOnIdle();
            return null;
        }

        await TouchAsync(cancellationToken);
        return new SessionSnapshot(CreateInfo(withDerivedHandle: false), Record.State.Items);
    }

    private async ValueTask<SessionValue?> GetValueHereAsync(string key, CancellationToken cancellationToken)
    {
        if (!await EnsureLiveAsync(cancellationToken))
        {
            this.DeactivateOnIdle();
            return null;
        }

        await TouchAsync(cancellationToken);
        return Record.State.Items.TryGetValue(key, out var value) ? new SessionValue(value) : null;
    }

    private ValueTask<SessionWriteResult> ApplyHereAsync(SessionChangeSet changes, CancellationToken cancellationToken) => MutateAsync(
        session => SessionMutations.Apply(session, changes, settings.Limits), changes.CreateIfMissing, cancellationToken, changes.IdleTimeout);

    private ValueTask<SessionWriteResult> IncrementHereAsync(string key, long by, bool createIfMissing, CancellationToken cancellationToken) =>
        MutateAsync(session => SessionMutations.Increment(session, key, by, settings.Limits), createIfMissing, cancellationToken);

    private async ValueTask<SessionWriteResult> IncrementOnceHereAsync(
        string key, long by, bool createIfMissing, Guid operationId, CancellationToken cancellationToken)
    {
        if (Record.Exists && Record.State.ValueOf(operationId) is { } done)
        {
            return new SessionWriteResult(SessionWriteStatus.Ok, Record.State.Version, done); // a retry: answered, nothing written
        }

        return await MutateAsync(
            session => SessionMutations.IncrementOnce(session, key, by, operationId, settings.Limits), createIfMissing, cancellationToken);
    }

    private async ValueTask DestroyHereAsync(CancellationToken cancellationToken)
    {
        if (await EnsureLiveAsync(cancellationToken, ending: true))
        {
            await FinishAsync(SessionEndReason.Destroyed, cancellationToken);
        }

        this.DeactivateOnIdle();
    }

    /// <summary>
    /// The session's metadata. Reads leave out a handle that is only derived from the grain key (a SHA-256 per read the
    /// caller, who knows the key, computes only when it needs the handle); one carried over by a rotation is always in.
    /// </summary>
    private SessionInfo CreateInfo(bool withDerivedHandle = true)
    {
        var session = Record.State;
        var login = session.Login;
        return new SessionInfo(
            session.CreatedAt, Record.LastAccessedAt, session.ExpiresAt(Record.LastAccessedAt), session.UserId,
            session.Items.Count, _admission.Bytes, session.Version, withDerivedHandle ? Record.Handle : session.Handle ?? string.Empty,
            login?.Roles ?? [],
            RenewalDue: login is not null && Time.GetUtcNow() >= login.RenewedAt + settings.RenewalInterval,
            login?.UserAgent, login?.ClientAddress, login?.AuthenticatedAt, session.Rotations);
    }

    private bool IsLapsed(DateTimeOffset now) => SessionExpiry.IsLapsed(Record.State, Record.LastAccessedAt, now);

    /// <summary>
    /// True when a session exists and has not lapsed (nor been ended by an administrator's end-all); a lapsed one is
    /// removed from storage here. Throws <see cref="SessionEpochStaleException"/> for a signed-in session while this
    /// silo cannot tell whether an end-all ended it, unless the caller is <paramref name="ending"/> the session anyway.
    /// </summary>
    private async ValueTask<bool> EnsureLiveAsync(CancellationToken cancellationToken, bool ending = false)
    {
        if (!Record.Exists)
        {
            return false;
        }

        var now = Time.GetUtcNow();
        if (settings.Epoch.Ended(Record.State, refuseStale: !ending))
        {
            await FinishAsync(SessionEndReason.AdminEnded, cancellationToken);
        }
        else if (IsLapsed(now))
        {
            await FinishAsync(SessionExpiry.LapseReason(Record.State, now), cancellationToken);
        }
        else
        {
            return true;
        }

        this.DeactivateOnIdle();
        return false;
    }

    /// <summary>
    /// Records an access in memory. Storage hears of it only once it has drifted by more than the configured
    /// fraction of the idle timeout, which bounds how early a session can end after a crash.
    /// </summary>
    private async ValueTask TouchAsync(CancellationToken cancellationToken)
    {
        Record.LastAccessedAt = Time.GetUtcNow();
        if (SessionExpiry.AccessDueForStorage(Record.State, Record.LastAccessedAt, settings.Expiry.LastAccessPersistFraction))
        {
            await MutateAsync(static _ => new SessionWriteResult(SessionWriteStatus.Ok, 0), false, cancellationToken);
        }
    }

    private void ArmExpiryTimer() => _expiry.Arm(
        this, Record.State.ExpiresAt(Record.LastAccessedAt), Time.GetUtcNow(), settings.IdleDeactivation,
        static (grain, cancellationToken) => grain.OnExpiryTimerAsync(cancellationToken));

    private async Task OnExpiryTimerAsync(CancellationToken cancellationToken)
    {
        if (await EnsureLiveAsync(cancellationToken))
        {
            ArmExpiryTimer(); // accessed since the timer was set: wait for the new expiry time
        }
    }

    /// <summary>Counts this activation's session, of <paramref name="bytes"/>, against the silo's admission limits.</summary>
    private void Admit(long bytes) => _admission.Admit(settings.Admission, bytes);

    /// <summary>The session left memory or ended: it no longer counts against the silo's limits.</summary>
    private void Release() => _admission.Release(settings.Admission);
}
