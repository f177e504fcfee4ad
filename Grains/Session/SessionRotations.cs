using Microsoft.Extensions.Logging;

namespace Sessions.Grains;

/// <summary>
/// ID rotation of the session of a <see cref="SessionGrain"/>. The session moves to the grain of its new ID
/// (<see cref="ISessionHandover.AdoptAsync"/>, stored before the old ID lets go), keeping its items, creation time,
/// absolute expiry and public identity. After a login the old ID is dead at once; after a renewal it leaves a
/// <see cref="SessionForward"/>: calls within the grace are followed to the new grain, later ones are replay and end
/// the session. A view made per call, like <see cref="SessionLife"/>.
/// </summary>
internal readonly struct SessionRotations(SessionGrain grain)
{
    private SessionRecord Record => grain.Record;

    private SessionGrainSettings Settings => grain.Settings;

    private SessionLife Life => new(grain);

    public async ValueTask<SessionRotationResult> RotateAsync(SessionRotation rotation, CancellationToken cancellationToken)
    {
        if (!await Life.EnsureLiveAsync(cancellationToken))
        {
            return new SessionRotationResult(SessionRotationStatus.NotFound, null);
        }

        if (rotation.Login is { } other && Record.State.UserId is { } signedIn && signedIn != other.UserId)
        {
            // Another user signs in: the previous user's session and its state do not carry over.
            await Life.FinishAsync(SessionEndReason.Superseded, cancellationToken);
            grain.DeactivateOnIdle();
            return new SessionRotationResult(SessionRotationStatus.NotFound, null);
        }

        await Life.RevokeLeasesAsync(ended: true); // the session leaves this ID: no frontend serves it from memory any more
        await Record.WaitForFlushAsync();
        var now = Settings.Time.GetUtcNow();
        var fingerprint = Record.Fingerprint;
        var handle = Record.Handle;
        var info = await grain.Factory.GetGrain<ISessionHandover>(rotation.NewKey).AdoptAsync(Moved(rotation, now), cancellationToken);
        if (rotation.Login is { } login)
        {
            await Life.EndStoredAsync(cancellationToken); // the ID the session had before the login is dead at once
            Settings.Logger.SessionSignedIn(fingerprint, login.UserId);
            grain.DeactivateOnIdle();
        }
        else
        {
            var userId = Record.State.UserId;
            await LeaveForwardAsync(rotation.NewKey, now, cancellationToken);
            Settings.Logger.SessionRenewed(fingerprint);
            if (userId is not null)
            {
                await grain.Factory.GetGrain<IUserSessionsGrain>(userId).SessionRotatedAsync(handle, rotation.NewKey, info.Rotations);
            }
        }

        return new SessionRotationResult(SessionRotationStatus.Rotated, info);
    }

    public async ValueTask<SessionInfo> AdoptAsync(SessionState state, CancellationToken cancellationToken)
    {
        await Record.WaitForFlushAsync();
        await StoreAsync(state, starting: false, cancellationToken);
        return Life.CreateInfo();
    }

    public async ValueTask<SessionInfo> StartSignedInAsync(SessionLogin login, CancellationToken cancellationToken)
    {
        await Record.WaitForFlushAsync();
        var now = Settings.Time.GetUtcNow();
        await StoreAsync(SessionMoves.SignedIn(login, now, Settings.Expiry, Settings.Epoch.Generation), starting: true, cancellationToken);
        Settings.Metrics.Created();
        Settings.Logger.SessionCreated(Record.Fingerprint);
        Settings.Logger.SessionSignedIn(Record.Fingerprint, login.UserId);
        return Life.CreateInfo();
    }

    /// <summary>
    /// Where a call under an ID renewed away from goes: null when this grain holds the session itself (or none); else the
    /// live session's grain while the grace lasts, or no target after it (replay: the session is ended and the event
    /// logged) or once the trace lapsed.
    /// </summary>
    public async ValueTask<ForwardedCall?> FollowAsync(CancellationToken cancellationToken)
    {
        if (!Record.Stored || Record.State.Forward is not { } forward)
        {
            return null;
        }

        if (!await Life.EnsureLiveAsync(cancellationToken))
        {
            return new ForwardedCall(null);
        }

        var now = Settings.Time.GetUtcNow();
        var target = grain.Factory.GetGrain<ISessionGrain>(forward.To);
        if (now < forward.GraceUntil)
        {
            return new ForwardedCall(target);
        }

        var grace = Settings.RenewalGrace;
        Settings.Logger.SessionReplayDetected(Record.Fingerprint, now - forward.GraceUntil + grace, grace);
        Settings.Metrics.ReplayDetected();
        await target.EndAsync(SessionEndReason.Replay, cancellationToken);
        await Life.EndStoredAsync(cancellationToken);
        grain.DeactivateOnIdle();
        return new ForwardedCall(null);
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
            moved.Login = SessionMoves.LoginState(login, now);
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
        var trace = SessionMoves.Trace(Record.State, Record.Handle, newKey, now, Settings.RenewalGrace);
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
}
