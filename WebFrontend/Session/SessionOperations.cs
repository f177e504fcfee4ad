namespace Sessions.WebFrontend.Session;

/// <summary>
/// The grain calls of one request's session: to the id <see cref="SessionIdLifecycle"/> says, through the
/// <see cref="SessionCallPolicy"/>. A write to a session that is gone continues under a fresh id instead of reviving
/// the old one.
/// </summary>
internal sealed class SessionOperations(SessionIdLifecycle id, SessionGrains grains, SessionCallPolicy calls)
{
    public async Task<SessionSnapshot?> LoadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await calls.RunAsync(
            "loading", idempotent: true, (grains, id: id.Current!), static (s, token) => s.grains.For(s.id).LoadAsync(token), cancellationToken);
        if (snapshot is null)
        {
            id.MarkAbsent();
        }

        return snapshot;
    }

    public ValueTask<SessionValue?> GetValueAsync(string key, CancellationToken cancellationToken) =>
        calls.RunAsync(
            "loading", idempotent: true, (grains, id: id.Current!, key),
            static (s, token) => s.grains.For(s.id).GetValueAsync(s.key, token), cancellationToken);

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
        var result = await IncrementOnceAsync(key, by, cancellationToken);
        if (result.Status == SessionWriteStatus.NotFound)
        {
            id.Rotate();
            result = await IncrementOnceAsync(key, by, cancellationToken);
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
            await calls.RunAsync("destroying", idempotent: true, (grains, id: id.Current!), static async (s, token) =>
            {
                await s.grains.For(s.id).DestroyAsync(token);
                return true;
            }, cancellationToken);
        }

        id.End();
    }

    private ValueTask<SessionWriteResult> ApplyAsync(SessionView view, CancellationToken cancellationToken) =>
        calls.RunAsync(
            "committing", idempotent: true, (grains, id: id.Current!, changes: view.ToChangeSet(createIfMissing: id.IsNew)),
            static (s, token) => s.grains.For(s.id).ApplyAsync(s.changes, token), cancellationToken);

    // Not idempotent: a retried increment could count twice.
    private ValueTask<SessionWriteResult> IncrementOnceAsync(string key, long by, CancellationToken cancellationToken) =>
        calls.RunAsync(
            "committing", idempotent: false, (grains, id: id.Current!, key, by, create: id.IsNew),
            static (s, token) => s.grains.For(s.id).IncrementAsync(s.key, s.by, s.create, token), cancellationToken);
}
