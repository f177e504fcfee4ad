using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Sessions.Grains;

/// <summary>
/// A session's record as its grain holds it: the state, its stored version (ETag), the exact last access kept in memory,
/// and the changes not stored yet. It talks to the <see cref="ISessionStateStore"/> directly, passing each write's
/// lifecycle event as an argument (the start with the first write, the end with the delete). Changes reach the store
/// write-through (stored before the call answers) or write-behind (on a timer that interleaves with requests); after a
/// version conflict the record is re-read and the pending changes, pure functions of the state, replayed on top.
/// </summary>
/// <remarks>
/// One per activation, holding what used to be the grain's own fields plus one reference back to it (for its key and
/// its timers): an idle activation carries no list of changes and no write-behind flush (<see cref="SessionWriteBehind"/>).
/// </remarks>
internal sealed class SessionRecord(SessionGrain grain)
{
    private const int MaxWriteAttempts = 3;

    private SessionState _state = new();
    private string? _etag;

    /// <summary>The changes applied in memory since the last successful storage write, in order; null while there are none.</summary>
    private List<Func<SessionState, SessionWriteResult>>? _pending;

    /// <summary>The write-behind flush: created with the first write-behind change, so write-through activations carry none.</summary>
    private SessionWriteBehind? _writeBehind;

    /// <summary>The session was created here and its start is not stored yet: its first write carries the start event.</summary>
    private bool _startUnstored;

    /// <summary>Unstored page views or interactions (<see cref="RecordVisit"/>): they go with the next write.</summary>
    private bool _visitsUnstored;

    public SessionState State => _state;

    /// <summary>The exact last access; storage hears of it lazily (<see cref="SessionState.LastAccessedAt"/> is the stored one).</summary>
    public DateTimeOffset LastAccessedAt { get; set; }

    /// <summary>The record is in storage (as this activation last read or wrote it).</summary>
    public bool Stored => _etag is not null;

    /// <summary>A session exists once written, even while its first write waits in the write-behind buffer.</summary>
    public bool Exists => Stored || PendingCount > 0;

    public int PendingCount => _pending?.Count ?? 0;

    /// <summary>The activation came from a migration: its state needs no read.</summary>
    public bool Rehydrated { get; private set; }

    /// <summary>The public identity: carried over by rotations, else derived from the grain key (never the ID).</summary>
    public string Handle => _state.Handle ?? SessionFingerprint.PublicId(GrainKey);

    // Computed when a line is logged, not kept: most activations never log after their creation.
    public string Fingerprint => SessionFingerprint.Of(Handle);

    private string GrainKey => grain.GetPrimaryKeyString();

    private SessionGrainSettings Settings => grain.Settings;

    /// <summary>Reads the record unless a migration brought it; schedules the storing of changes a migration carried.</summary>
    public async Task ActivateAsync(CancellationToken cancellationToken)
    {
        if (!Rehydrated)
        {
            await ReadAsync(cancellationToken);
            LastAccessedAt = _state.LastAccessedAt;
        }

        if (PendingCount > 0)
        {
            ScheduleFlush(); // unstored changes a migration carried
        }
    }

    /// <summary>
    /// Makes <paramref name="working"/> (the result of <paramref name="mutation"/>) the session, accessed at
    /// <paramref name="now"/>. Write-through: stored before this returns (undone if storage fails); returns the replayed
    /// result of the last change when a conflict replayed them, else null. Write-behind: scheduled, null.
    /// </summary>
    public async ValueTask<SessionWriteResult?> ApplyAsync(
        SessionState working, Func<SessionState, SessionWriteResult> mutation, bool created, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var previous = _state;
        working.LastAccessedAt = now;
        _state = working;
        LastAccessedAt = now;
        _startUnstored |= created;
        (_pending ??= []).Add(mutation);
        if (Settings.Persistence.WriteMode == SessionWriteMode.WriteBehind)
        {
            ScheduleFlush();
            return null;
        }

        try
        {
            return await FlushAsync(cancellationToken);
        }
        catch
        {
            _state = previous;
            _pending = null;
            throw;
        }
    }

    /// <summary>Makes <paramref name="state"/> the session, stored before this returns (undone if storage fails).</summary>
    /// <remarks><paramref name="starting"/>: the session starts here, so the write carries its start event.</remarks>
    public async ValueTask ReplaceAsync(SessionState state, bool starting, CancellationToken cancellationToken)
    {
        var previous = (_state, LastAccessedAt);
        _state = state;
        LastAccessedAt = state.LastAccessedAt;
        _startUnstored |= starting;
        try
        {
            await WriteAsync(cancellationToken);
        }
        catch
        {
            (_state, LastAccessedAt) = previous;
            throw;
        }
    }

    /// <summary>Forgets the unstored changes and the flush that would have stored them (the session moves away).</summary>
    public void DiscardPending()
    {
        _pending = null;
        StopFlushTimer();
    }

    /// <summary>Counts a visit; it is stored with the next write.</summary>
    public void RecordVisit(SessionVisit visit, DateTimeOffset now)
    {
        _state.Record(visit, now);
        _visitsUnstored = true;
    }

    /// <summary>
    /// Stores what the session has unstored as its activation ends. In a migration, only unstored changes are stored
    /// (the last access and visits travel with the state); changes that cannot be stored then travel as dirty state.
    /// </summary>
    public async ValueTask StoreOnDeactivationAsync(bool migrating, CancellationToken cancellationToken)
    {
        if (PendingCount == 0 && (migrating || (LastAccessedAt <= _state.LastAccessedAt && !_visitsUnstored)))
        {
            return; // nothing unstored, or (migrating) only what travels with the state
        }

        _state.LastAccessedAt = LastAccessedAt;
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (InconsistentStateException exception)
        {
            Settings.Logger.FlushOnDeactivationFailed(Fingerprint, exception);
        }
        catch (Exception exception) when (migrating && exception is not OperationCanceledException)
        {
            // Orleans does not migrate an activation whose OnDeactivateAsync threw: the changes would be lost. Kept
            // pending, they travel as dirty state instead (Dehydrate) and the new activation stores them.
            Settings.Logger.MigratingUnstored(Fingerprint, PendingCount, exception);
        }
    }

    /// <summary>
    /// Writes the in-memory state. On a version conflict, re-reads and replays the pending changes on top; returns
    /// the replayed result of the last change when that happened, null when the first write went through.
    /// </summary>
    public async ValueTask<SessionWriteResult?> FlushAsync(CancellationToken cancellationToken)
    {
        SessionWriteResult? replayed = null;
        for (var attempt = 1; ; attempt++)
        {
            // A write-behind flush interleaves with requests: changes they make meanwhile stay pending for the next one.
            var written = PendingCount;
            try
            {
                await WriteAsync(cancellationToken);
                _pending?.RemoveRange(0, written);
                if (PendingCount == 0)
                {
                    _pending = null;
                }

                return replayed;
            }
            catch (InconsistentStateException exception) when (attempt < MaxWriteAttempts)
            {
                Settings.Logger.WriteConflict(Fingerprint, attempt, exception);
                var replayedFrom = _state;
                await ReadAsync(cancellationToken);
                if (!Stored)
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

                working.LastAccessedAt = working.LastAccessedAt > LastAccessedAt ? working.LastAccessedAt : LastAccessedAt;
                LastAccessedAt = working.LastAccessedAt;
                _state = working;
            }
        }
    }

    /// <summary>
    /// Removes the session from storage (the row is deleted; <paramref name="ended"/>, if any, is stored with the
    /// delete) and stops the flush timer.
    /// </summary>
    public async ValueTask DeleteAsync(SessionLifecycleEvent? ended, CancellationToken cancellationToken)
    {
        await WaitForFlushAsync();
        _pending = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Settings.Store.DeleteAsync(GrainKey, _etag, ended, cancellationToken);
                (_state, _etag) = (new SessionState(), null);
                break;
            }
            catch (InconsistentStateException exception) when (attempt < MaxWriteAttempts)
            {
                Settings.Logger.WriteConflict(Fingerprint, attempt, exception);
                await ReadAsync(cancellationToken);
            }
        }

        _startUnstored = false; // a session that never reached storage neither starts nor ends there
        _visitsUnstored = false;

        // Disposed only now: disposing a timer cancels the token of its running callback, which may be this call.
        StopFlushTimer();
    }

    /// <summary>Waits for a write-behind flush under way, so that one storage operation at a time runs on the state.</summary>
    public ValueTask WaitForFlushAsync() => _writeBehind?.WaitAsync() ?? ValueTask.CompletedTask;

    public SessionLifecycleEvent EndEvent(SessionEndReason reason, DateTimeOffset endedAt) => new(
        0, SessionEventKind.Ended, Handle, _state.UserId, _state.CreatedAt, endedAt, reason, _state.PageViews, _state.Interactions);

    /// <summary>What travels with a live migration: null when there is no session.</summary>
    public SessionMigration? Dehydrate() => Exists
        ? new SessionMigration(_state, _etag, LastAccessedAt, Dirty: PendingCount > 0, _visitsUnstored, _startUnstored)
        : null;

    /// <summary>Takes over what a migration brought; changes it could not store are pending again (stored over whatever is there).</summary>
    public void Rehydrate(SessionMigration moved)
    {
        (_state, _etag, LastAccessedAt, _visitsUnstored, _startUnstored) =
            (moved.State, moved.ETag, moved.LastAccessedAt, moved.VisitsUnstored, moved.StartUnstored);
        Rehydrated = true;
        _state.Items = Settings.Keys.Share(_state.Items);
        if (moved.Dirty)
        {
            var items = moved.State.Items;
            _pending = [session => SessionMutations.Overwrite(session, items)];
        }
    }

    /// <summary>Schedules a write-behind flush one interval from now, unless one is scheduled.</summary>
    private void ScheduleFlush() => (_writeBehind ??= new SessionWriteBehind(this, grain)).Schedule();

    // As with Orleans' facet, an operation asked for with a cancelled token does not start (an ungraceful shutdown
    // cancels the deactivation's token, and nothing may reach storage then that a crash would not have written).
    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stored = await Settings.Store.ReadAsync(GrainKey, cancellationToken);
        (_state, _etag) = stored is null ? (new SessionState(), null) : (stored.State, stored.ETag);
        _state.Items = Settings.Keys.Share(_state.Items);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var starting = _startUnstored && _etag is null;
        var visitsUnstored = _visitsUnstored;
        _visitsUnstored = false; // a visit recorded while an interleaved flush is under way sets it again
        try
        {
            _etag = await Settings.Store.WriteAsync(GrainKey, _etag, _state, starting ? StartEvent() : null, cancellationToken);
        }
        catch
        {
            _visitsUnstored |= visitsUnstored;
            throw;
        }

        _startUnstored &= !starting;
        Settings.Metrics.StorageWritten(started);
    }

    private void StopFlushTimer() => _writeBehind?.Stop();

    private SessionLifecycleEvent StartEvent() => new(
        0, SessionEventKind.Started, Handle, _state.UserId, _state.CreatedAt, _state.CreatedAt, null, 0, 0);

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
}
