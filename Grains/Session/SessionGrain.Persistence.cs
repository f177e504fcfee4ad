using Microsoft.Extensions.Logging;

namespace Sessions.Grains;

/// <summary>Changes and ends: what the grain decides around its <see cref="SessionRecord"/> (admission, metrics, logs, the user index).</summary>
public sealed partial class SessionGrain
{
    /// <summary>
    /// Applies <paramref name="mutation"/> to the live session (or a new one) and, in write-through mode, persists
    /// it before answering. A mutation is a pure function of the state, so after a storage version conflict it can
    /// be replayed on top of what another activation wrote.
    /// </summary>
    /// <remarks>A session created here gets <paramref name="idleTimeout"/> (its app's request, within the silo's bounds) or the default.</remarks>
    private async ValueTask<SessionWriteResult> MutateAsync(
        Func<SessionState, SessionWriteResult> mutation, bool createIfMissing, CancellationToken cancellationToken, TimeSpan? idleTimeout = null)
    {
        var live = await EnsureLiveAsync(cancellationToken);
        if (!live && !createIfMissing)
        {
            return SessionWriteResult.Failed(SessionWriteStatus.NotFound);
        }

        var now = Time.GetUtcNow();
        var working = live ? Record.State.Clone() : SessionState.Create(now, settings.Expiry, settings.Epoch.Generation, idleTimeout);
        var result = mutation(working);
        if (!result.Succeeded)
        {
            return result;
        }

        var size = SessionSize.Of(working.Items);
        if (live ? !settings.Admission.CanGrow(size - _admission.Bytes) : !settings.Admission.CanAdmit(size))
        {
            if (settings.Admission.ShouldReport(now))
            {
                Logger.AdmissionRefused(settings.Admission.Sessions, settings.Admission.Bytes);
            }

            return SessionWriteResult.Failed(SessionWriteStatus.AdmissionRefused);
        }

        result = await Record.ApplyAsync(working, mutation, created: !live, now, cancellationToken) ?? result;
        if (!result.Succeeded)
        {
            return result; // the session was ended elsewhere meanwhile
        }

        Admit(ReferenceEquals(Record.State, working) ? size : SessionSize.Of(Record.State.Items)); // a conflict replayed the changes on another state
        if (!live)
        {
            settings.Metrics.Created();
            Logger.SessionCreated(Record.Fingerprint);
            ArmExpiryTimer();
        }

        return result with { Version = Record.State.Version };
    }

    /// <summary>
    /// Ends the session for <paramref name="reason"/>: removed from storage, counted, logged, and its user's index told
    /// (one-way, so an index that is calling this grain never waits on it). A renewal's trace is only removed.
    /// </summary>
    private async ValueTask FinishAsync(SessionEndReason reason, CancellationToken cancellationToken)
    {
        var state = Record.State;
        var fingerprint = Record.Fingerprint;
        var handle = Record.Handle;
        var trace = state.Forward is not null;
        var endedAt = SessionExpiry.EndedAt(state, Record.LastAccessedAt, reason, Time.GetUtcNow());
        await EndStoredAsync(cancellationToken, trace ? null : Record.EndEvent(reason, endedAt));
        if (trace)
        {
            return; // the trace of a renewal lapsed: the session itself lives (or ended) under its new ID
        }

        settings.Metrics.Ended(reason);
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
            await GrainFactory.GetGrain<IUserSessionsGrain>(userId).SessionEndedAsync(handle);
        }
    }

    /// <summary>Removes the session from storage (the row is deleted) and stops its timers.</summary>
    private async ValueTask EndStoredAsync(CancellationToken cancellationToken, SessionLifecycleEvent? ended = null)
    {
        await Record.DeleteAsync(ended, cancellationToken);

        // Disposed only now: disposing a timer cancels the token of its running callback, which may be this call.
        _expiry.Stop();
        Release();
    }
}
