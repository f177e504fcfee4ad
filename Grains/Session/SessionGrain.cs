using Orleans.Runtime.Placement;

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
/// trace of the move (<see cref="SessionForward"/>): see <see cref="SessionRotations"/>.
/// <para>
/// The grain keeps the lifecycle and routes each call (<c>RouteAsync</c>: here, or forwarded after a renewal); the
/// work is in parts it owns (Grains/Session/): <see cref="SessionRecord"/> (state, version, unstored changes,
/// write-through and write-behind, conflict replay, what a migration carries), <see cref="SessionWriteBehind"/>,
/// <see cref="SessionExpiry"/> (rules and timer), <see cref="SessionAdmissionShare"/> and <see cref="SessionMoves"/>;
/// <see cref="SessionLife"/> (live check, reads, metadata, end), <see cref="SessionChanges"/> (mutations within
/// the admission limits), <see cref="SessionRotations"/> (ID rotation and following a renewal) and
/// <see cref="SessionRevalidations"/> (principal re-validation) are views over those, made per call, so an activation
/// holds no object for them.
/// </para>
/// <para>
/// Live migration (the rebalancer moving sessions to a new silo, a graceful shutdown moving them off a stopping one):
/// the state travels with the activation, so the new one reads nothing from storage, and the exact last access and
/// unstored visits go with it. Changes not yet stored (write-behind) are stored before the move; if that fails they
/// travel as dirty state (the new activation stores them, over whatever another writer left) instead of being lost.
/// </para>
/// </remarks>
public sealed class SessionGrain(SessionGrainSettings settings) : Grain, ISessionGrain, ISessionHandover, IGrainMigrationParticipant
{
    private const string MigrationKey = "sessions.session";

    private SessionRecord? _record;
    private SessionAdmissionShare _admission;
    private SessionExpiry _expiry;
    private SessionLeases? _leases;

    /// <summary>What every session grain of this silo reads: options, clock, logger, store.</summary>
    internal SessionGrainSettings Settings => settings;

    /// <summary>The session's record: state, version, last access, unstored changes (created with the activation).</summary>
    internal SessionRecord Record => _record ??= new SessionRecord(this);

    /// <summary>What this activation's session counts against the silo's admission limits.</summary>
    internal ref SessionAdmissionShare Admission => ref _admission;

    /// <summary>The session's expiry timer.</summary>
    internal ref SessionExpiry Expiry => ref _expiry;

    /// <summary>The read leases this activation granted and its fence; null while it granted none and has no fence.</summary>
    internal SessionLeases? Leases => _leases;

    /// <summary>This silo's list of session activations, for a graceful shutdown (intrusive: two references per activation).</summary>
    internal SessionGrain? PreviousActive { get; set; }

    internal SessionGrain? NextActive { get; set; }

    /// <summary>The grain factory, for the parts that call other grains (Orleans keeps it protected).</summary>
    internal IGrainFactory Factory => GrainFactory;

    /// <summary>The live session: its checks, reads, metadata and end (a view, made per call).</summary>
    private SessionLife Life => new(this);

    private SessionRotations Rotations => new(this);

    private TimeProvider Time => settings.Time;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Record.ActivateAsync(cancellationToken);
        settings.Activations.Add(this); // only once activated: a failed activation gets no OnDeactivateAsync to remove it
        if (Record.Exists)
        {
            if (!Record.Rehydrated)
            {
                _leases = SessionLeases.Fenced(settings.Leases, settings.Membership); // read from storage: the previous activation may have crashed
            }

            Life.Admit(SessionSize.Of(Record.State.Items));
            Life.ArmExpiryTimer();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Record.WaitForFlushAsync();
        try
        {
            await Life.RevokeLeasesAsync(ended: false, fence: false); // the next activation (a migration's too) starts with none
            if (Record.Exists && !Life.IsLapsed(Time.GetUtcNow()))
            {
                // In a migration, unstored changes are stored first; the last access and visits travel instead.
                await Record.StoreOnDeactivationAsync(reason.ReasonCode == DeactivationReasonCode.Migrating, cancellationToken);
            }
        }
        finally
        {
            Life.Release();
            settings.Activations.Remove(this);
        }
    }

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (Record.Dehydrate() is { } moving)
        {
            dehydrationContext.TryAddValue(MigrationKey, moving);
        }
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetValue(MigrationKey, out SessionMigration? moved) && moved is not null)
        {
            Record.Rehydrate(moved);
        }
    }

    /// <summary>
    /// Asks Orleans to move this activation: to <paramref name="to"/>, or where placement puts it (off a stopping silo,
    /// placement picks another).
    /// </summary>
    internal void MigrateAway(SiloAddress? to = null) =>
        GrainContext.Migrate(to is null ? null : new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = to });

    public ValueTask<SessionSnapshot?> LoadAsync(CancellationToken cancellationToken = default) => RouteAsync(
        0, static (grain, _, ct) => grain.Life.LoadAsync(ct), static (target, _, ct) => target.LoadAsync(ct), null, cancellationToken);

    public ValueTask<SessionLeasedRead> LoadLeasedAsync(ISessionLeaseHolder holder, long heldVersion, CancellationToken cancellationToken = default) => RouteAsync(
        (holder, heldVersion),
        static (grain, a, ct) => grain.Life.LoadLeasedAsync(a.holder, a.heldVersion, ct),
        static async (target, _, ct) => await target.LoadAsync(ct) is { } snapshot // no lease through a renewal's forward
            ? new SessionLeasedRead(true, snapshot, null)
            : SessionLeasedRead.Dead,
        SessionLeasedRead.Dead, cancellationToken);

    public async Task RecordLeasedAccessAsync(DateTimeOffset accessedAt)
    {
        if (Record.Exists && Record.State.Forward is null)
        {
            var now = Time.GetUtcNow();
            await Life.TouchAsync(accessedAt < now ? accessedAt : now, CancellationToken.None);
        }
    }

    public Task ConfirmLeaseRevokedAsync(ISessionLeaseHolder holder, long version, TimeSpan? lastAccessAgo)
    {
        _leases?.Confirm(holder, version, lastAccessAgo); // a late one (answered already, or another activation) finds none
        return Task.CompletedTask;
    }

    /// <summary>Creates the lease table with the first grant.</summary>
    internal SessionLeases GrantingLeases() => _leases ??= new SessionLeases();

    public ValueTask<SessionValue?> GetValueAsync(string key, CancellationToken cancellationToken = default) => RouteAsync(
        key, static (grain, key, ct) => grain.Life.GetValueAsync(key, ct), static (target, key, ct) => target.GetValueAsync(key, ct),
        null, cancellationToken);

    public ValueTask<SessionValueLookup> LookUpValueAsync(string key, CancellationToken cancellationToken = default) => RouteAsync(
        key, static (grain, key, ct) => grain.Life.LookUpValueAsync(key, ct), static (target, key, ct) => target.LookUpValueAsync(key, ct),
        default(SessionValueLookup), cancellationToken);

    public ValueTask<SessionInfo?> GetInfoAsync(CancellationToken cancellationToken = default) => RouteAsync(
        0, static async (grain, _, ct) => await grain.Life.EnsureLiveAsync(ct) ? grain.Life.CreateInfo(withDerivedHandle: false) : null,
        static (target, _, ct) => target.GetInfoAsync(ct), null, cancellationToken);

    public ValueTask<SessionWriteResult> ApplyAsync(SessionChangeSet changes, CancellationToken cancellationToken = default) => RouteAsync(
        changes,
        static (grain, changes, ct) => new SessionChanges(grain).ApplyAsync(changes, ct),
        static (target, changes, ct) => target.ApplyAsync(changes, ct),
        SessionWriteResult.Failed(SessionWriteStatus.NotFound), cancellationToken);

    public ValueTask<SessionWriteResult> IncrementAsync(
        string key, long by, bool createIfMissing, CancellationToken cancellationToken = default) => RouteAsync(
        (key, by, createIfMissing),
        static (grain, a, ct) => new SessionChanges(grain).IncrementAsync(a.key, a.by, a.createIfMissing, ct),
        static (target, a, ct) => target.IncrementAsync(a.key, a.by, a.createIfMissing, ct),
        SessionWriteResult.Failed(SessionWriteStatus.NotFound), cancellationToken);

    public ValueTask<SessionWriteResult> IncrementOnceAsync(
        string key, long by, bool createIfMissing, Guid operationId, CancellationToken cancellationToken = default) => RouteAsync(
        (key, by, createIfMissing, operationId),
        static (grain, a, ct) => new SessionChanges(grain).IncrementOnceAsync(a.key, a.by, a.createIfMissing, a.operationId, ct),
        static (target, a, ct) => target.IncrementOnceAsync(a.key, a.by, a.createIfMissing, a.operationId, ct),
        SessionWriteResult.Failed(SessionWriteStatus.NotFound), cancellationToken);

    public async ValueTask DestroyAsync(CancellationToken cancellationToken = default) => await RouteAsync(
        0,
        static async (grain, _, ct) =>
        {
            await grain.Life.DestroyAsync(ct);
            return true;
        },
        static async (target, _, ct) =>
        {
            await target.DestroyAsync(ct);
            return true;
        },
        false, cancellationToken);

    public ValueTask<SessionRotationResult> RotateAsync(SessionRotation rotation, CancellationToken cancellationToken = default) => RouteAsync(
        rotation,
        static (grain, rotation, ct) => grain.Rotations.RotateAsync(rotation, ct),
        static async (target, rotation, ct) => rotation.IsRenewal
            ? new SessionRotationResult(SessionRotationStatus.AlreadyRotated, await target.DescribeAsync(ct))
            : await target.RotateAsync(rotation, ct),
        new SessionRotationResult(SessionRotationStatus.NotFound, null), cancellationToken);

    public ValueTask<SessionInfo> AdoptAsync(SessionState state, CancellationToken cancellationToken = default)
    {
        settings.Membership.ThrowIfUnconfirmed();
        return Rotations.AdoptAsync(state, cancellationToken);
    }

    public ValueTask<SessionInfo> StartSignedInAsync(SessionLogin login, CancellationToken cancellationToken = default)
    {
        settings.Membership.ThrowIfUnconfirmed();
        return Rotations.StartSignedInAsync(login, cancellationToken);
    }

    public async ValueTask<SessionInfo?> DescribeAsync(CancellationToken cancellationToken = default)
    {
        settings.Membership.ThrowIfUnconfirmed();
        if (!await Life.EnsureLiveAsync(cancellationToken))
        {
            return null;
        }

        return Record.State.Forward is { } forward
            ? await GrainFactory.GetGrain<ISessionGrain>(forward.To).DescribeAsync(cancellationToken)
            : Life.CreateInfo() with { GrainKey = this.GetPrimaryKeyString() };
    }

    public async ValueTask EndAsync(SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        settings.Membership.ThrowIfUnconfirmed();
        if (await Life.EnsureLiveAsync(cancellationToken, ending: true))
        {
            if (Record.State.Forward is { } forward)
            {
                await GrainFactory.GetGrain<ISessionGrain>(forward.To).EndAsync(reason, cancellationToken);
                await Life.EndStoredAsync(cancellationToken);
            }
            else
            {
                await Life.FinishAsync(reason, cancellationToken);
            }
        }

        this.DeactivateOnIdle();
    }

    public ValueTask<bool> ClaimRevalidationAsync(CancellationToken cancellationToken = default) => RouteAsync(
        0, static (grain, _, ct) => new SessionRevalidations(grain).ClaimAsync(ct), static (target, _, ct) => target.ClaimRevalidationAsync(ct),
        false, cancellationToken);

    public ValueTask<SessionInfo?> CompleteRevalidationAsync(SessionRevalidation revalidation, CancellationToken cancellationToken = default) => RouteAsync(
        revalidation,
        static (grain, revalidation, ct) => new SessionRevalidations(grain).CompleteAsync(revalidation, ct),
        static (target, revalidation, ct) => target.CompleteRevalidationAsync(revalidation, ct),
        null, cancellationToken);

    public async Task RecordVisitAsync(SessionVisit visit)
    {
        if (!Record.Exists || Record.State.Forward is not null || !await Life.EnsureLiveAsync(CancellationToken.None))
        {
            return; // no live session here (a renewed-away ID's trace counts nothing: its requests went to the new ID)
        }

        Record.RecordVisit(visit, Time.GetUtcNow());
        if (visit.IsPageView)
        {
            settings.PageViews.Record(visit.Path);
        }
    }

    /// <summary>
    /// The one routing step of every client call: refused unless this silo confirmed its membership recently
    /// (<see cref="SiloMembership"/>, before and after the call), then handled here (<paramref name="handle"/>) when this grain holds the
    /// session itself (or none); under an ID renewed away from, <paramref name="forward"/>ed to the live session's grain
    /// while the grace lasts; else answered with <paramref name="gone"/> (after the grace: replay, the session is ended
    /// and the event logged; or the trace lapsed). The delegates are static, so routing allocates nothing of its own.
    /// </summary>
    private async ValueTask<TResult> RouteAsync<TArg, TResult>(
        TArg arg,
        Func<SessionGrain, TArg, CancellationToken, ValueTask<TResult>> handle,
        Func<ISessionGrain, TArg, CancellationToken, ValueTask<TResult>> forward,
        TResult gone,
        CancellationToken cancellationToken)
    {
        settings.Membership.ThrowIfUnconfirmed();
        if (await Rotations.FollowAsync(cancellationToken) is not { } forwarded)
        {
            var answer = await handle(this, arg, cancellationToken);
            settings.Membership.ThrowIfUnconfirmed(); // the window may have run out while the call waited
            return answer;
        }

        return forwarded.Target is { } target ? await forward(target, arg, cancellationToken) : gone;
    }
}
