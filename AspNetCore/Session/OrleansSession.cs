using System.Diagnostics.CodeAnalysis;

namespace Sessions.AspNetCore;

/// <summary>
/// <see cref="ISession"/> over the session grain, one instance per request: the session is loaded once (fetched in the
/// background when <c>Session:EagerLoad</c> is on, applied on the request's own flow) and this request's changes are
/// laid over it until a commit sends only them. Loading is <see cref="SessionLoad"/>'s job, the id and cookie
/// <see cref="SessionIdLifecycle"/>'s, timeouts and retries <see cref="SessionCallPolicy"/>'s.
/// </summary>
/// <remarks>
/// A value read comes out as a private copy: what was loaded may be the grain's own bytes (a co-hosted silo passes
/// them without copying), and bytes handed to the grain are never handed to the app again. Like the built-in session,
/// a write first loads the session, so that a write to an expired session gets a fresh id (and cookie) while the
/// response has not started; endpoints marked <c>WithoutSessionPreload()</c> write without that load.
/// </remarks>
public sealed class OrleansSession : ISession
{
    private readonly SessionIdLifecycle _id;
    private readonly SessionOperations _store;
    private readonly SessionLimitsOptions _limits;
    private readonly bool _blindWrites;
    private readonly SessionView _view = new();
    private readonly SessionLoad _load;

    internal OrleansSession(
        HttpContext http, SessionIdLifecycle id, SessionOperations store, SessionLimitsOptions limits, ILogger logger, bool blindWrites)
    {
        (_id, _store, _limits, _blindWrites) = (id, store, limits, blindWrites);
        _load = new SessionLoad(http, id, store, _view, logger);
    }

    /// <summary>After loading: the session's metadata, or null when there is no live session.</summary>
    public SessionInfo? Info => _view.Loaded?.Info;

    /// <summary>False when the session could not be loaded; reads are then empty and writes ignored, as with the built-in session.</summary>
    public bool IsAvailable => _load.Wait();

    /// <summary>
    /// A stable, non-secret identifier of the session (its handle: the same across ID rotations); empty when the session
    /// is unavailable.
    /// </summary>
    public string Id => _load.Wait() ? Handle : string.Empty;

    /// <summary>The session's handle: the one a rotation carried over, else the one derived from its grain key.</summary>
    private string Handle => _view.Loaded?.Info.Handle is { Length: > 0 } handle ? handle : _id.PublicId;

    public IEnumerable<string> Keys
    {
        get
        {
            _load.Wait();
            return _view.Keys;
        }
    }

    public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value)
    {
        _load.Wait();
        value = _view.TryGetValue(key, out var found) ? found.ToArray() : null;
        return value is not null;
    }

    public void Set(string key, byte[] value) => SetOwned(key, value?.ToArray()!);

    /// <summary><see cref="Set"/> without the copy, for a buffer the caller hands over and never touches again.</summary>
    internal void SetOwned(string key, byte[] value)
    {
        _limits.ThrowIfOutside(key, value);
        if (MayWrite())
        {
            _id.Establish();
            _view.Set(key, value);
        }
    }

    public void Remove(string key)
    {
        if (MayWrite() && (!_load.IsLoaded || _view.TryGetValue(key, out _)))
        {
            _view.Remove(key);
        }
    }

    public void Clear()
    {
        if (MayWrite() && (!_load.IsLoaded || _view.Keys.Any()))
        {
            _view.Clear();
        }
    }

    public Task LoadAsync(CancellationToken cancellationToken = default) => _load.WaitAsync(cancellationToken);

    /// <summary>Sends this request's changes. When it fails for any reason but a refusal they stay pending for the next commit.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) =>
        _view.HasPending ? _store.CommitAsync(_view, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// One value, without loading the whole session: from this request's own changes or what it loaded, else one grain
    /// call that counts as an access. Null when there is no live session or no such key.
    /// </summary>
    public ValueTask<SessionValue?> GetValueAsync(string key, CancellationToken cancellationToken = default)
    {
        if (_load.IsLoaded || _view.HasChanged(key))
        {
            return ValueTask.FromResult<SessionValue?>(_view.TryGetValue(key, out var found) ? new SessionValue(found) : null);
        }

        return _id.MayExist ? _store.GetValueAsync(key, cancellationToken) : ValueTask.FromResult<SessionValue?>(null);
    }

    /// <summary>Commits, then atomically adds <paramref name="by"/> to the integer under <paramref name="key"/>; returns the new value.</summary>
    public async Task<long> IncrementAsync(string key, long by, CancellationToken cancellationToken = default)
    {
        await CommitAsync(cancellationToken);
        return await _store.IncrementAsync(key, by, cancellationToken);
    }

    /// <summary>Ends the session server-side and clears the cookie.</summary>
    public async Task DestroyAsync(CancellationToken cancellationToken = default)
    {
        await _store.DestroyAsync(cancellationToken);
        _view.Reset();
        _load.Skip();
    }

    /// <summary>Ends the session server-side for <paramref name="reason"/> (a logout, say) and clears the cookie.</summary>
    public async Task EndAsync(SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        await _store.EndAsync(reason, cancellationToken);
        _view.Reset();
        _load.Skip();
    }

    /// <summary>
    /// Signs <paramref name="login"/> in: this request's changes are committed, then the session moves to a new ID with
    /// its state (a pre-login cart survives) and the new cookie is issued; the old ID is dead at once.
    /// </summary>
    public async Task<SessionInfo> SignInAsync(SessionLogin login, CancellationToken cancellationToken = default)
    {
        await CommitAsync(cancellationToken);
        var info = await _store.SignInAsync(login, cancellationToken);
        _view.Reset();
        await _load.ResetAsync();
        return info;
    }

    /// <summary>The handle for traces (<c>session.id</c>), when the request has a session ID; null otherwise.</summary>
    internal string? TraceHandle => _id.Current is null ? null : Handle;

    /// <summary>Counts a page view or interaction in the session, when the request carries one that may exist (the grain judges if it is live).</summary>
    internal void RecordVisit(SessionVisit visit)
    {
        if (_id.MayExist)
        {
            _store.RecordVisit(visit);
        }
    }

    /// <summary>Starts fetching the session in the background; a later read or <see cref="LoadAsync"/> applies the same fetch.</summary>
    internal void StartLoading() => _load.Start();

    /// <summary>Whether a write may go ahead; unless the endpoint writes blind the session is loaded first.</summary>
    private bool MayWrite() => _blindWrites ? _load.IsAvailable : _load.Wait();
}
