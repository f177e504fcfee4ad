using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Sessions.Grains;

/// <summary>
/// One session. Not reentrant: calls run one at a time, so concurrent requests never lose each other's changes.
/// Expiry is judged from timestamps on every call; the timer only ends idle sessions promptly.
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState(SessionStorage.StateName, SessionStorage.ProviderName)] IPersistentState<SessionState> state,
    IOptions<SessionExpiryOptions> expiryOptions,
    IOptions<SessionLimitsOptions> limitsOptions,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private const int MaxWriteAttempts = 3;
    private readonly SessionExpiryOptions _expiry = expiryOptions.Value;
    private readonly SessionLimitsOptions _limits = limitsOptions.Value;
    private DateTimeOffset _lastAccessedAt;
    private long _sizeBytes;
    private IGrainTimer? _expiryTimer;
    private string? _fingerprint;

    private string Fingerprint => _fingerprint ??= SessionFingerprint.Of(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            _lastAccessedAt = state.State.LastAccessedAt;
            _sizeBytes = SessionSize.Of(state.State.Items);
            ArmExpiryTimer();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!state.RecordExists || _lastAccessedAt <= state.State.LastAccessedAt || IsLapsed(time.GetUtcNow()))
        {
            return;
        }

        state.State.LastAccessedAt = _lastAccessedAt;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (InconsistentStateException exception)
        {
            // Another activation wrote meanwhile; its state wins and only our last-access time is lost.
            logger.LastAccessNotPersisted(Fingerprint, exception);
        }
    }

    public async ValueTask<SessionSnapshot?> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!await EnsureLiveAsync(cancellationToken))
        {
            this.DeactivateOnIdle();
            return null;
        }

        await TouchAsync(cancellationToken);
        return new SessionSnapshot(CreateInfo(), state.State.Items);
    }

    public async ValueTask<SessionInfo?> GetInfoAsync(CancellationToken cancellationToken = default) =>
        await EnsureLiveAsync(cancellationToken) ? CreateInfo() : null;

    public ValueTask<SessionWriteResult> ApplyAsync(SessionChangeSet changes, CancellationToken cancellationToken = default) =>
        MutateAsync(session => ApplyChanges(session, changes), changes.CreateIfMissing, cancellationToken);

    public ValueTask<SessionWriteResult> IncrementAsync(
        string key, long by, bool createIfMissing, CancellationToken cancellationToken = default) =>
        MutateAsync(session => Increment(session, key, by), createIfMissing, cancellationToken);

    public async ValueTask DestroyAsync(CancellationToken cancellationToken = default)
    {
        if (await EnsureLiveAsync(cancellationToken))
        {
            await EndAsync(cancellationToken);
            logger.SessionDestroyed(Fingerprint);
        }

        this.DeactivateOnIdle();
    }

    private SessionInfo CreateInfo()
    {
        var session = state.State;
        return new SessionInfo(
            session.CreatedAt, _lastAccessedAt, session.ExpiresAt(_lastAccessedAt), session.UserId,
            session.Items.Count, _sizeBytes, session.Version);
    }

    private bool IsLapsed(DateTimeOffset now) => now >= state.State.ExpiresAt(_lastAccessedAt);

    /// <summary>True when a session exists and has not lapsed; a lapsed one is removed from storage here.</summary>
    private async ValueTask<bool> EnsureLiveAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return false;
        }

        if (!IsLapsed(time.GetUtcNow()))
        {
            return true;
        }

        await EndAsync(cancellationToken);
        logger.SessionExpired(Fingerprint, state.State.IdleTimeout);
        this.DeactivateOnIdle();
        return false;
    }

    private async ValueTask TouchAsync(CancellationToken cancellationToken)
    {
        _lastAccessedAt = time.GetUtcNow();
        var drift = _lastAccessedAt - state.State.LastAccessedAt;
        if (drift > state.State.IdleTimeout * _expiry.LastAccessPersistFraction)
        {
            await MutateAsync(static _ => new SessionWriteResult(SessionWriteStatus.Ok, 0), false, cancellationToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="mutation"/> on the live session (or a new one) and persists it. A storage version
    /// conflict means another activation wrote first: re-read and apply the change again on top of its state.
    /// </summary>
    private async ValueTask<SessionWriteResult> MutateAsync(
        Func<SessionState, SessionWriteResult> mutation, bool createIfMissing, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var live = await EnsureLiveAsync(cancellationToken);
            if (!live && !createIfMissing)
            {
                return SessionWriteResult.Failed(SessionWriteStatus.NotFound);
            }

            var now = time.GetUtcNow();
            var previous = state.State;
            var working = live ? previous.Clone() : SessionState.Create(now, _expiry);
            var result = mutation(working);
            if (!result.Succeeded)
            {
                return result;
            }

            working.LastAccessedAt = now;
            state.State = working;
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (InconsistentStateException exception) when (attempt < MaxWriteAttempts)
            {
                logger.WriteConflict(Fingerprint, attempt, exception);
                await state.ReadStateAsync(cancellationToken);
                _lastAccessedAt = state.State.LastAccessedAt;
                continue;
            }
            catch
            {
                state.State = previous;
                throw;
            }

            _lastAccessedAt = now;
            _sizeBytes = SessionSize.Of(working.Items);
            if (!live)
            {
                logger.SessionCreated(Fingerprint);
                ArmExpiryTimer();
            }

            return result with { Version = working.Version };
        }
    }

    private SessionWriteResult ApplyChanges(SessionState session, SessionChangeSet changes) =>
        SessionMutations.Apply(session, changes, _limits);

    private SessionWriteResult Increment(SessionState session, string key, long by) =>
        SessionMutations.Increment(session, key, by, _limits);

    private async ValueTask EndAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await state.ClearStateAsync(cancellationToken);
                break;
            }
            catch (InconsistentStateException exception) when (attempt < MaxWriteAttempts)
            {
                logger.WriteConflict(Fingerprint, attempt, exception);
                await state.ReadStateAsync(cancellationToken);
            }
        }

        // Disposed only now: disposing a timer cancels the token of its running callback, which may be this call.
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        _sizeBytes = 0;
    }

    private void ArmExpiryTimer()
    {
        var due = state.State.ExpiresAt(_lastAccessedAt) - time.GetUtcNow();
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        if (_expiryTimer is null)
        {
            _expiryTimer = this.RegisterGrainTimer(
                OnExpiryTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        }
        else
        {
            _expiryTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnExpiryTimerAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return;
        }

        if (await EnsureLiveAsync(cancellationToken))
        {
            ArmExpiryTimer(); // accessed since the timer was set: wait for the new expiry time
        }
    }
}
