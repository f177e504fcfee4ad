namespace Sessions.Grains;

/// <summary>
/// A session's expiry: the rules, judged from its timestamps on every call, and the timer that ends an idle session
/// promptly while its activation is in memory. A struct inside the grain: no object of its own, and no timer at all
/// when the activation would be collected for idleness before the session expires.
/// </summary>
internal struct SessionExpiry
{
    private IGrainTimer? _timer;

    /// <summary>The session has lapsed at <paramref name="now"/> (idle timeout or absolute lifetime).</summary>
    public static bool IsLapsed(SessionState state, DateTimeOffset lastAccessedAt, DateTimeOffset now) =>
        now >= state.ExpiresAt(lastAccessedAt);

    /// <summary>Why a lapsed session ended.</summary>
    public static SessionEndReason LapseReason(SessionState state, DateTimeOffset now) =>
        now >= state.AbsoluteExpiresAt ? SessionEndReason.AbsoluteTimeout : SessionEndReason.IdleTimeout;

    /// <summary>When a session ended for <paramref name="reason"/>: a lapse at its exact end, however much later it was noticed.</summary>
    public static DateTimeOffset EndedAt(SessionState state, DateTimeOffset lastAccessedAt, SessionEndReason reason, DateTimeOffset now) =>
        reason is SessionEndReason.IdleTimeout or SessionEndReason.AbsoluteTimeout ? state.ExpiresAt(lastAccessedAt) : now;

    /// <summary>
    /// The in-memory last access has drifted from the stored one by more than <paramref name="persistFraction"/> of the
    /// idle timeout: storage should hear of it (which bounds how early a session can end after a crash).
    /// </summary>
    public static bool AccessDueForStorage(SessionState state, DateTimeOffset lastAccessedAt, double persistFraction) =>
        lastAccessedAt - state.LastAccessedAt > state.IdleTimeout * persistFraction;

    /// <summary>
    /// Sets the timer of <paramref name="grain"/> to fire at <paramref name="expiresAt"/>; none is created when the
    /// activation is collected for idleness (<paramref name="idleDeactivation"/>) before then. <paramref name="onExpiry"/>
    /// gets the grain as its state, so a static delegate serves every activation.
    /// </summary>
    public void Arm<TGrain>(
        TGrain grain, DateTimeOffset expiresAt, DateTimeOffset now, TimeSpan idleDeactivation, Func<TGrain, CancellationToken, Task> onExpiry)
        where TGrain : IGrainBase
    {
        var due = expiresAt - now;
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        if (_timer is null && due >= idleDeactivation)
        {
            return; // collected for idleness before it expires: no timer needed
        }

        if (_timer is null)
        {
            _timer = grain.RegisterGrainTimer(onExpiry, grain, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops the timer (disposing it cancels the token of its running callback, which may be the caller).</summary>
    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
