namespace Sessions.AspNetCore;

/// <summary>
/// The grain calls of one request's session: to the id <see cref="SessionIdLifecycle"/> says, through the
/// <see cref="SessionCallPolicy"/>. A write to a session that is gone continues under a fresh id instead of reviving
/// the old one. A write that creates a session carries the app's idle timeout (<see cref="OrleansSessionOptions.IdleTimeout"/>).
/// </summary>
internal sealed class SessionOperations(
    SessionIdLifecycle id, SessionGrains grains, SessionCallPolicy calls, ILogger logger, TimeSpan? idleTimeout = null)
{
    /// <summary>
    /// Calls the grain for the session's state; touches nothing of the request once started (the key is taken here),
    /// so it may run beside the request's code. Null when there is no live session.
    /// </summary>
    public Task<SessionSnapshot?> FetchAsync(CancellationToken cancellationToken) =>
        calls.RunAsync(
            "loading", idempotent: true, (grains, key: id.GrainKey), static (s, token) => s.grains.ForKey(s.key).LoadAsync(token), cancellationToken)
            .AsTask();

    /// <summary>Reports a page view or interaction, one-way: the request does not wait, and a failure costs one count.</summary>
    public void RecordVisit(SessionVisit visit)
    {
        try
        {
            _ = grains.ForKey(id.GrainKey).RecordVisitAsync(visit);
        }
        catch (Exception exception) when (exception is OrleansException or InvalidOperationException)
        {
            logger.VisitNotRecorded(exception);
        }
    }

    public ValueTask<SessionValue?> GetValueAsync(string key, CancellationToken cancellationToken) =>
        calls.RunAsync(
            "loading", idempotent: true, (grains, id: id.GrainKey, key),
            static (s, token) => s.grains.ForKey(s.id).GetValueAsync(s.key, token), cancellationToken);

    /// <summary>
    /// Sends the pending changes of <paramref name="view"/>. A write the store refuses discards them and throws
    /// <see cref="SessionWriteException"/>; after any other failure they stay pending for the next commit.
    /// </summary>
    public async Task CommitAsync(SessionView view, CancellationToken cancellationToken)
    {
        if (!id.MayExist && !(id.IsNew && view.HasPendingSets))
        {
            view.MarkCommitted(); // only removals, from a session that is not stored: nothing to write
            return;
        }

        var result = await ApplyAsync(view, cancellationToken);
        if (result.Status == SessionWriteStatus.NotFound)
        {
            if (!view.HasPendingSets)
            {
                view.MarkCommitted();
                return;
            }

            id.Rotate();
            view.MoveToFreshSession();
            result = await ApplyAsync(view, cancellationToken);
        }

        if (!result.Succeeded)
        {
            view.DiscardChanges();
            id.WriteRefused();
            throw new SessionWriteException(result.Status);
        }

        view.MarkCommitted();
        id.MarkStored();
    }

    public async Task<long> IncrementAsync(string key, long by, CancellationToken cancellationToken)
    {
        id.Establish();
        var result = await IncrementOnceAsync(key, by, Guid.NewGuid(), cancellationToken);
        if (result.Status == SessionWriteStatus.NotFound)
        {
            id.Rotate();
            result = await IncrementOnceAsync(key, by, Guid.NewGuid(), cancellationToken);
        }

        if (!result.Succeeded)
        {
            id.WriteRefused();
            throw new SessionWriteException(result.Status);
        }

        id.MarkStored();
        return result.Value;
    }

    public async Task DestroyAsync(CancellationToken cancellationToken)
    {
        if (id.MayExist)
        {
            await calls.RunAsync("destroying", idempotent: true, (grains, key: id.GrainKey), static async (s, token) =>
            {
                await s.grains.ForKey(s.key).DestroyAsync(token);
                return true;
            }, cancellationToken);
        }

        id.End();
    }

    /// <summary>Ends the session for <paramref name="reason"/> (e.g. a logout), following a renewed-away ID, and clears the cookie.</summary>
    public async Task EndAsync(SessionEndReason reason, CancellationToken cancellationToken)
    {
        if (id.MayExist)
        {
            await calls.RunAsync("ending", idempotent: true, (grains, key: id.GrainKey, reason), static async (s, token) =>
            {
                await s.grains.ForKey(s.key).EndAsync(s.reason, token);
                return true;
            }, cancellationToken);
        }

        id.End();
    }

    /// <summary>
    /// Signs <paramref name="login"/> in: the session (if any) moves to a fresh ID with its state, through the user's
    /// index, and the new cookie is issued; the old ID is dead. Not retried: a sign-in that may have happened is not
    /// repeated on top of itself.
    /// </summary>
    public async Task<SessionInfo> SignInAsync(SessionLogin login, CancellationToken cancellationToken)
    {
        var currentKey = id.MayExist ? id.GrainKey : null;
        login = idleTimeout is null ? login : login with { IdleTimeout = idleTimeout }; // for a session the sign-in starts
        var newId = SessionCookie.NewId();
        var info = await calls.RunAsync(
            "signing in to", idempotent: false, (grains, currentKey, newKey: grains.KeyOf(newId), login),
            static (s, token) => s.grains.Users(s.login.UserId).SignInAsync(s.currentKey, s.newKey, s.login, token), cancellationToken);
        id.SwitchTo(newId, info.Handle);
        return info;
    }

    /// <summary>
    /// Rotates a signed-in session whose renewal is due (the grain says so in <paramref name="loaded"/>) while the
    /// response can still carry the new cookie. A failure is logged and the session keeps its ID for now.
    /// </summary>
    public async Task RenewIfDueAsync(SessionSnapshot? loaded, HttpResponse response, CancellationToken cancellationToken)
    {
        if (loaded is not { Info.RenewalDue: true } || response.HasStarted)
        {
            return;
        }

        var newId = SessionCookie.NewId();
        try
        {
            var result = await calls.RunAsync(
                "renewing", idempotent: false, (grains, key: id.GrainKey, rotation: new SessionRotation(grains.KeyOf(newId), Login: null)),
                static (s, token) => s.grains.ForKey(s.key).RotateAsync(s.rotation, token), cancellationToken);
            if (result is { Status: SessionRotationStatus.Rotated, Info: { } moved })
            {
                id.SwitchTo(newId, moved.Handle);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.SessionRenewalFailed(exception);
        }
    }

    private ValueTask<SessionWriteResult> ApplyAsync(SessionView view, CancellationToken cancellationToken) =>
        calls.RunAsync(
            "committing", idempotent: true, (grains, id: id.GrainKey, changes: ChangeSetOf(view)),
            static (s, token) => s.grains.ForKey(s.id).ApplyAsync(s.changes, token), cancellationToken);

    private SessionChangeSet ChangeSetOf(SessionView view)
    {
        var changes = view.ToChangeSet(createIfMissing: id.IsNew);
        return changes.CreateIfMissing && idleTimeout is not null ? changes with { IdleTimeout = idleTimeout } : changes;
    }

    // Safe to retry across a failover: the session applies one operation id once.
    private ValueTask<SessionWriteResult> IncrementOnceAsync(string key, long by, Guid operationId, CancellationToken cancellationToken) =>
        calls.RunAsync(
            "committing", idempotent: true, (grains, id: id.GrainKey, key, by, create: id.IsNew, operationId),
            static (s, token) => s.grains.ForKey(s.id).IncrementOnceAsync(s.key, s.by, s.create, s.operationId, token), cancellationToken);
}
