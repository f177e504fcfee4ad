using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Sessions.Grains;

/// <summary>
/// One session. Not reentrant: calls run one at a time, so concurrent requests never lose each other's changes.
/// Expiry is judged from timestamps on every call; the timer only ends idle sessions promptly. Reads keep the
/// last-access time in memory and persist it lazily, so a read costs no storage write.
/// </summary>
/// <remarks>
/// An activation carries as little as it can: shared settings, no cached strings, and an expiry timer only when the
/// session would expire before the activation is collected for idleness (otherwise collection takes it out of
/// memory first, and the purge or the next access ends it).
/// </remarks>
public sealed partial class SessionGrain(SessionGrainSettings settings) : Grain, ISessionGrain
{
    private DateTimeOffset _lastAccessedAt;
    private long _sizeBytes;
    private IGrainTimer? _expiryTimer;

    // Computed when a line is logged, not kept: most activations never log after their creation.
    private string Fingerprint => SessionFingerprint.Of(this.GetPrimaryKeyString());

    private TimeProvider Time => settings.Time;

    private ILogger<SessionGrain> Logger => settings.Logger;

    /// <summary>A session exists once written, even while its first write waits in the write-behind buffer.</summary>
    private bool HasSession => _recordExists || PendingCount > 0;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ReadStateAsync(cancellationToken);
        if (_recordExists)
        {
            _lastAccessedAt = _state.LastAccessedAt;
            _sizeBytes = SessionSize.Of(_state.Items);
            ArmExpiryTimer();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await WaitForFlushAsync();
        if (!HasSession || IsLapsed(Time.GetUtcNow()))
        {
            return;
        }

        if (PendingCount == 0 && _lastAccessedAt <= _state.LastAccessedAt)
        {
            return;
        }

        _state.LastAccessedAt = _lastAccessedAt;
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (InconsistentStateException exception)
        {
            Logger.FlushOnDeactivationFailed(Fingerprint, exception);
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
        return new SessionSnapshot(CreateInfo(), _state.Items);
    }

    public async ValueTask<SessionValue?> GetValueAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!await EnsureLiveAsync(cancellationToken))
        {
            this.DeactivateOnIdle();
            return null;
        }

        await TouchAsync(cancellationToken);
        return _state.Items.TryGetValue(key, out var value) ? new SessionValue(value) : null;
    }

    public async ValueTask<SessionInfo?> GetInfoAsync(CancellationToken cancellationToken = default) =>
        await EnsureLiveAsync(cancellationToken) ? CreateInfo() : null;

    public ValueTask<SessionWriteResult> ApplyAsync(SessionChangeSet changes, CancellationToken cancellationToken = default) =>
        MutateAsync(session => SessionMutations.Apply(session, changes, settings.Limits), changes.CreateIfMissing, cancellationToken);

    public ValueTask<SessionWriteResult> IncrementAsync(
        string key, long by, bool createIfMissing, CancellationToken cancellationToken = default) =>
        MutateAsync(session => SessionMutations.Increment(session, key, by, settings.Limits), createIfMissing, cancellationToken);

    public async ValueTask DestroyAsync(CancellationToken cancellationToken = default)
    {
        if (await EnsureLiveAsync(cancellationToken))
        {
            await EndAsync(cancellationToken);
            Logger.SessionDestroyed(Fingerprint);
        }

        this.DeactivateOnIdle();
    }

    private SessionInfo CreateInfo()
    {
        var session = _state;
        return new SessionInfo(
            session.CreatedAt, _lastAccessedAt, session.ExpiresAt(_lastAccessedAt), session.UserId,
            session.Items.Count, _sizeBytes, session.Version);
    }

    private bool IsLapsed(DateTimeOffset now) => now >= _state.ExpiresAt(_lastAccessedAt);

    /// <summary>True when a session exists and has not lapsed; a lapsed one is removed from storage here.</summary>
    private async ValueTask<bool> EnsureLiveAsync(CancellationToken cancellationToken)
    {
        if (!HasSession)
        {
            return false;
        }

        if (!IsLapsed(Time.GetUtcNow()))
        {
            return true;
        }

        await EndAsync(cancellationToken);
        Logger.SessionExpired(Fingerprint, _state.IdleTimeout);
        this.DeactivateOnIdle();
        return false;
    }

    /// <summary>
    /// Records an access in memory. Storage hears of it only once it has drifted by more than the configured
    /// fraction of the idle timeout, which bounds how early a session can end after a crash.
    /// </summary>
    private async ValueTask TouchAsync(CancellationToken cancellationToken)
    {
        _lastAccessedAt = Time.GetUtcNow();
        var drift = _lastAccessedAt - _state.LastAccessedAt;
        if (drift > _state.IdleTimeout * settings.Expiry.LastAccessPersistFraction)
        {
            await MutateAsync(static _ => new SessionWriteResult(SessionWriteStatus.Ok, 0), false, cancellationToken);
        }
    }

    private void ArmExpiryTimer()
    {
        var due = _state.ExpiresAt(_lastAccessedAt) - Time.GetUtcNow();
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        if (_expiryTimer is null && due >= settings.IdleDeactivation)
        {
            return; // collected for idleness before it expires: no timer needed
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
        if (await EnsureLiveAsync(cancellationToken))
        {
            ArmExpiryTimer(); // accessed since the timer was set: wait for the new expiry time
        }
    }
}
