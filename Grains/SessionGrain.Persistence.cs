using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Sessions.Grains;

/// <summary>How a session's changes reach storage: write-through or write-behind, with conflict replay.</summary>
public sealed partial class SessionGrain
{
    private const int MaxWriteAttempts = 3;

    /// <summary>The changes applied in memory since the last successful storage write, in order.</summary>
    /// <remarks>Null while there are none (most of the time in write-through mode), so idle activations carry no list.</remarks>
    private List<Func<SessionState, SessionWriteResult>>? _pending;
    private IGrainTimer? _flushTimer;
    private bool _flushScheduled;

    private int PendingCount => _pending?.Count ?? 0;

    /// <summary>The write-behind flush under way, if any: it runs beside the session's requests, not in their turn.</summary>
    private Task? _flushing;

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
        var previous = _state;
        var working = live ? previous.Clone() : SessionState.Create(now, settings.Expiry, settings.Epoch.Generation, idleTimeout);
        var result = mutation(working);
        if (!result.Succeeded)
        {
            return result;
        }

        var size = SessionSize.Of(working.Items);
        if (live ? !settings.Admission.CanGrow(size - _sizeBytes) : !settings.Admission.CanAdmit(size))
        {
            if (settings.Admission.ShouldReport(now))
            {
                Logger.AdmissionRefused(settings.Admission.Sessions, settings.Admission.Bytes);
            }

            return SessionWriteResult.Failed(SessionWriteStatus.AdmissionRefused);
        }

        working.LastAccessedAt = now;
        _state = working;
        _lastAccessedAt = now;
        _startUnstored |= !live;
        (_pending ??= []).Add(mutation);
        if (settings.Persistence.WriteMode == SessionWriteMode.WriteBehind)
        {
            ScheduleFlush();
        }
        else
        {
            try
            {
                result = await FlushAsync(cancellationToken) ?? result;
            }
            catch
            {
                _state = previous;
                _pending = null;
                throw;
            }

            if (!result.Succeeded)
            {
                return result; // the session was ended elsewhere meanwhile
            }
        }

        Admit(ReferenceEquals(_state, working) ? size : SessionSize.Of(_state.Items)); // a conflict replayed the changes on another state
        if (!live)
        {
            settings.Metrics.Created();
            Logger.SessionCreated(Fingerprint);
            ArmExpiryTimer();
        }

        return result with { Version = _state.Version };
    }

    /// <summary>
    /// Writes the in-memory state. On a version conflict, re-reads and replays the pending changes on top; returns
    /// the replayed result of the last change when that happened, null when the first write went through.
    /// </summary>
    private async ValueTask<SessionWriteResult?> FlushAsync(CancellationToken cancellationToken)
    {
        SessionWriteResult? replayed = null;
        for (var attempt = 1; ; attempt++)
        {
            // A write-behind flush interleaves with requests: changes they make meanwhile stay pending for the next one.
            var written = PendingCount;
            try
            {
                await WriteStateAsync(cancellationToken);
                _pending?.RemoveRange(0, written);
                if (PendingCount == 0)
                {
                    _pending = null;
                }

                return replayed;
            }
            catch (InconsistentStateException exception) when (attempt < MaxWriteAttempts)
            {
                Logger.WriteConflict(Fingerprint, attempt, exception);
                var replayedFrom = _state;
                await ReadStateAsync(cancellationToken);
                if (!_recordExists)
                {
                    _pending = null;
                    return SessionWriteResult.Failed(SessionWriteStatus.NotFound);
                }

                var working = _state.Clone();
                CarryVisits(previousVisits: replayedFrom, working);
                foreach (var mutation in _pending ?? [])
                {
                    var result = mutation(working);
                    replayed = result.Succeeded ? result : replayed;
                }

                working.LastAccessedAt = working.LastAccessedAt > _lastAccessedAt ? working.LastAccessedAt : _lastAccessedAt;
                _lastAccessedAt = working.LastAccessedAt;
                _state = working;
            }
        }
    }

    private void ScheduleFlush()
    {
        if (_flushScheduled)
        {
            return;
        }

        _flushScheduled = true;
        var due = settings.Persistence.WriteBehindInterval;
        if (_flushTimer is null)
        {
            // Interleaving: the state is serialized at once, and requests need not wait while its batch commits.
            _flushTimer = this.RegisterGrainTimer(
                OnFlushTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true });
        }
        else
        {
            _flushTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnFlushTimerAsync(CancellationToken cancellationToken)
    {
        _flushScheduled = false;
        await WaitForFlushAsync();
        if (PendingCount == 0)
        {
            return;
        }

        var flush = FlushAsync(cancellationToken).AsTask();
        _flushing = flush;
        try
        {
            await flush;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Logger.WriteBehindFlushFailed(Fingerprint, PendingCount, exception);
            ScheduleFlush(); // keep the changes and try again next interval
        }
        finally
        {
            _flushing = null;
        }
    }

    /// <summary>
    /// Waits for a write-behind flush under way, so that one storage operation at a time runs on the state; its
    /// failure is the flush's to report (it keeps the changes pending).
    /// </summary>
    private async ValueTask WaitForFlushAsync()
    {
        while (_flushing is { IsCompleted: false } flush)
        {
            // Stays on the grain's scheduler (ContinueOnCapturedContext).
            await flush.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    /// <summary>
    /// Ends the session for <paramref name="reason"/>: removed from storage, counted, logged, and its user's index told
    /// (one-way, so an index that is calling this grain never waits on it). A renewal's trace is only removed.
    /// </summary>
    private async ValueTask FinishAsync(SessionEndReason reason, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint;
        var handle = Handle;
        var userId = _state.UserId;
        var idleTimeout = _state.IdleTimeout;
        var trace = _state.Forward is not null;
        var endedAt = reason is SessionEndReason.IdleTimeout or SessionEndReason.AbsoluteTimeout
            ? _state.ExpiresAt(_lastAccessedAt) // the exact end, however much later it was noticed
            : Time.GetUtcNow();
        await EndStoredAsync(cancellationToken, trace ? null : EndEvent(reason, endedAt));
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
                Logger.SessionExpired(fingerprint, idleTimeout);
                break;
            default:
                Logger.SessionEnded(fingerprint, reason);
                break;
        }

        if (userId is not null)
        {
            await GrainFactory.GetGrain<IUserSessionsGrain>(userId).SessionEndedAsync(handle);
        }
    }

    /// <summary>Keeps the visit counts of <paramref name="previousVisits"/> that a re-read from storage did not have.</summary>
    private static void CarryVisits(SessionState previousVisits, SessionState working)
    {
        working.PageViews = Math.Max(working.PageViews, previousVisits.PageViews);
        working.Interactions = Math.Max(working.Interactions, previousVisits.Interactions);
        if (!previousVisits.RecentPages.IsDefaultOrEmpty
            && (working.RecentPages.IsDefault || previousVisits.RecentPages.Length > working.RecentPages.Length))
        {
            working.RecentPages = previousVisits.RecentPages;
        }
    }

    /// <summary>Removes the session from storage (the row is deleted) and stops its timers.</summary>
    private async ValueTask EndStoredAsync(CancellationToken cancellationToken, SessionLifecycleEvent? ended = null)
    {
        await WaitForFlushAsync();
        _pending = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ClearStateAsync(ended, cancellationToken);
                break;
            }
            catch (InconsistentStateException exception) when (attempt < MaxWriteAttempts)
            {
                Logger.WriteConflict(Fingerprint, attempt, exception);
                await ReadStateAsync(cancellationToken);
            }
        }

        _startUnstored = false; // a session that never reached storage neither starts nor ends there
        _visitsUnstored = false;

        // Disposed only now: disposing a timer cancels the token of its running callback, which may be this call.
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        _flushTimer?.Dispose();
        _flushTimer = null;
        _flushScheduled = false;
        Release();
    }
}
