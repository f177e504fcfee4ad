namespace Sessions.Grains;

/// <summary>
/// ID rotation. The session moves to the grain of its new ID (<see cref="ISessionHandover.AdoptAsync"/>, stored before
/// the old ID lets go), keeping its items, creation time, absolute expiry and public identity. After a login the old
/// ID is dead at once; after a renewal it leaves a <see cref="SessionForward"/>: calls within the grace are followed to
/// the new grain, later ones are replay and end the session.
/// </summary>
public sealed partial class SessionGrain
{
    public ValueTask<SessionRotationResult> RotateAsync(SessionRotation rotation, CancellationToken cancellationToken = default) => RouteAsync(
        rotation,
        static (grain, rotation, ct) => grain.RotateHereAsync(rotation, ct),
        static async (target, rotation, ct) => rotation.IsRenewal
            ? new SessionRotationResult(SessionRotationStatus.AlreadyRotated, await target.DescribeAsync(ct))
            : await target.RotateAsync(rotation, ct),
        new SessionRotationResult(SessionRotationStatus.NotFound, null), cancellationToken);

    private async ValueTask<SessionRotationResult> RotateHereAsync(SessionRotation rotation, CancellationToken cancellationToken)
    {
        if (!await Life.EnsureLiveAsync(cancellationToken))
        {
            return new SessionRotationResult(SessionRotationStatus.NotFound, null);
        }

        if (rotation.Login is { } other && Record.State.UserId is { } signedIn && signedIn != other.UserId)
        {
            // Another user signs in: the previous user's session and its state do not carry over.
            await Life.FinishAsync(SessionEndReason.Superseded, cancellationToken);
            this.DeactivateOnIdle();
            return new SessionRotationResult(SessionRotationStatus.NotFound, null);
        }

        await Record.WaitForFlushAsync();
        var now = Time.GetUtcNow();
        var fingerprint = Record.Fingerprint;
        var handle = Record.Handle;
        var info = await SessionHandoverAt(rotation.NewKey).AdoptAsync(Moved(rotation, now), cancellationToken);
        if (rotation.Login is { } login)
        {
            await Life.EndStoredAsync(cancellationToken); // the ID the session had before the login is dead at once
            Logger.SessionSignedIn(fingerprint, login.UserId);
            this.DeactivateOnIdle();
        }
        else
        {
            var userId = Record.State.UserId;
            await LeaveForwardAsync(rotation.NewKey, now, cancellationToken);
            Logger.SessionRenewed(fingerprint);
            if (userId is not null)
            {
                await GrainFactory.GetGrain<IUserSessionsGrain>(userId).SessionRotatedAsync(handle, rotation.NewKey, info.Rotations);
            }
        }

        return new SessionRotationResult(SessionRotationStatus.Rotated, info);
    }

    public async ValueTask<SessionInfo> AdoptAsync(SessionState state, CancellationToken cancellationToken = default)
    {
        await Record.WaitForFlushAsync();
        await StoreAsync(state, starting: false, cancellationToken);
        return Life.CreateInfo();
    }

    public async ValueTask<SessionInfo> StartSignedInAsync(SessionLogin login, CancellationToken cancellationToken = default)
    {
        await Record.WaitForFlushAsync();
        var now = Time.GetUtcNow();
        await StoreAsync(SessionMoves.SignedIn(login, now, settings.Expiry, settings.Epoch.Generation), starting: true, cancellationToken);
        settings.Metrics.Created();
        Logger.SessionCreated(Record.Fingerprint);
        Logger.SessionSignedIn(Record.Fingerprint, login.UserId);
        return Life.CreateInfo();
    }

    /// <summary>
    /// The one routing step of every client call: handled here (<paramref name="handle"/>) when this grain holds the
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
        if (await FollowAsync(cancellationToken) is not { } forwarded)
        {
            return await handle(this, arg, cancellationToken);
        }

        return forwarded.Target is { } target ? await forward(target, arg, cancellationToken) : gone;
    }

    /// <summary>
    /// Where a call under an ID renewed away from goes: null when this grain holds the session itself (or none); else the
    /// live session's grain while the grace lasts, or no target after it (replay: the session is ended and the event
    /// logged) or once the trace lapsed.
    /// </summary>
    private async ValueTask<Forwarded?> FollowAsync(CancellationToken cancellationToken)
    {
        if (!Record.Stored || Record.State.Forward is not { } forward)
        {
            return null;
        }

        if (!await Life.EnsureLiveAsync(cancellationToken))
        {
            return new Forwarded(null);
        }

        var now = Time.GetUtcNow();
        var target = SessionAt(forward.To);
        if (now < forward.GraceUntil)
        {
            return new Forwarded(target);
        }

        Logger.SessionReplayDetected(Record.Fingerprint, now - forward.GraceUntil + settings.RenewalGrace, settings.RenewalGrace);
        await target.EndAsync(SessionEndReason.Replay, cancellationToken);
        await Life.EndStoredAsync(cancellationToken);
        this.DeactivateOnIdle();
        return new Forwarded(null);
    }

    /// <summary>The session as it continues under its new ID.</summary>
    private SessionState Moved(SessionRotation rotation, DateTimeOffset now)
    {
        var moved = Record.State.Clone();
        moved.Handle = Record.Handle;
        moved.Forward = null;
        moved.LastAccessedAt = now;
        moved.Rotations = Record.State.Rotations + 1;
        if (rotation.Login is { } login)
        {
            moved.UserId = login.UserId;
            moved.Login = new SessionLoginState(login.Roles, now, now, login.UserAgent, login.ClientAddress);
        }
        else if (moved.Login is { } current)
        {
            moved.Login = current with { RenewedAt = now };
        }

        return moved;
    }

    /// <summary>Replaces the session under this ID by the trace of its move (<see cref="SessionMoves.Trace"/>).</summary>
    private async ValueTask LeaveForwardAsync(string newKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var trace = SessionMoves.Trace(Record.State, Record.Handle, newKey, now, settings.RenewalGrace);
        Record.DiscardPending();
        await StoreAsync(trace, starting: false, cancellationToken);
    }

    /// <summary>Makes <paramref name="state"/> this grain's session, stored before anything answers.</summary>
    private async ValueTask StoreAsync(SessionState state, bool starting, CancellationToken cancellationToken)
    {
        await Record.ReplaceAsync(state, starting, cancellationToken);
        Life.Admit(SessionSize.Of(state.Items));
        Life.ArmExpiryTimer();
    }

    private ISessionGrain SessionAt(string grainKey) => GrainFactory.GetGrain<ISessionGrain>(grainKey);

    private ISessionHandover SessionHandoverAt(string grainKey) => GrainFactory.GetGrain<ISessionHandover>(grainKey);

    /// <summary>A call under a renewed-away ID: followed to <see cref="Target"/>, or nowhere (no target).</summary>
    private readonly record struct Forwarded(ISessionGrain? Target);
}
