using System.Diagnostics.CodeAnalysis;

namespace Sessions.WebFrontend.Session;

/// <summary>
/// <see cref="ISession"/> over the session grain, one instance per request: the session is loaded once (in the
/// background when <c>Session:EagerLoad</c> is on) and this request's changes are laid over it until a commit sends
/// only them. The id and cookie are <see cref="SessionIdLifecycle"/>'s, timeouts and retries <see cref="SessionCallPolicy"/>'s.
/// </summary>
/// <remarks>
/// A value read comes out as a private copy: what was loaded may be the grain's own bytes (a co-hosted silo passes
/// them without copying), and bytes handed to the grain are never handed to the app again. Like the built-in session,
/// a write first loads the session, so that a write to an expired session gets a fresh id (and cookie) while the
/// response has not started; endpoints marked <c>WithoutSessionPreload()</c> write without that load.
/// </remarks>
public sealed class OrleansSession : ISession
{
    private readonly HttpContext _http;
    private readonly SessionIdLifecycle _id;
    private readonly SessionOperations _store;
    private readonly SessionLimitsOptions _limits;
    private readonly ILogger _logger;
    private readonly bool _blindWrites;
    private readonly SessionView _view = new();
    private Task? _loading;
    private bool _loaded;
    private bool _available = true;

    internal OrleansSession(
        HttpContext http, SessionIdLifecycle id, SessionOperations store, SessionLimitsOptions limits, ILogger logger, bool blindWrites)
    {
        (_http, _id, _store, _limits, _logger, _blindWrites) = (http, id, store, limits, logger, blindWrites);
        _loaded = !id.MayExist;
    }

    /// <summary>After loading: the session's metadata, or null when there is no live session.</summary>
    public SessionInfo? Info => _view.Loaded?.Info;

    /// <summary>False when the session could not be loaded; reads are then empty and writes ignored, as with the built-in session.</summary>
    public bool IsAvailable
    {
        get
        {
            EnsureLoaded();
            return _available;
        }
    }

    /// <summary>A stable, non-secret identifier of the session; empty when the session is unavailable.</summary>
    public string Id
    {
        get
        {
            EnsureLoaded();
            return _available ? _id.PublicId : string.Empty;
        }
    }

    public IEnumerable<string> Keys
    {
        get
        {
            EnsureLoaded();
            return _view.Keys;
        }
    }

    public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value)
    {
        EnsureLoaded();
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
        if (MayWrite() && (!_loaded || _view.TryGetValue(key, out _)))
        {
            _view.Remove(key);
        }
    }

    public void Clear()
    {
        if (MayWrite() && (!_loaded || _view.Keys.Any()))
        {
            _view.Clear();
        }
    }

    public Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var loading = StartLoading();
        return loading.IsCompleted || !cancellationToken.CanBeCanceled ? loading : loading.WaitAsync(cancellationToken);
    }

    /// <summary>Sends this request's changes. When it fails for any reason but a refusal they stay pending for the next commit.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) =>
        _view.HasPending ? _store.CommitAsync(_view, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// One value, without loading the whole session: from this request's own changes or what it loaded, else one grain
    /// call that counts as an access. Null when there is no live session or no such key.
    /// </summary>
    public ValueTask<SessionValue?> GetValueAsync(string key, CancellationToken cancellationToken = default)
    {
        if (_loaded || _view.HasChanged(key))
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
        _loaded = true;
    }

    /// <summary>Starts loading in the background; a later read or <see cref="LoadAsync"/> waits for the same load.</summary>
    internal Task StartLoading() => _loading ??= _loaded ? Task.CompletedTask : LoadCoreAsync();

    private async Task LoadCoreAsync()
    {
        if (_id.MayExist)
        {
            _view.Loaded = await _store.LoadAsync(_http.RequestAborted);
        }

        _loaded = true;
    }

    /// <summary>Whether a write may go ahead; unless the endpoint writes blind the session is loaded first.</summary>
    private bool MayWrite()
    {
        if (!_blindWrites)
        {
            EnsureLoaded();
        }

        return _available;
    }

    /// <summary>
    /// Synchronous access before the load completed waits for it, as the built-in session does. As there, a failure
    /// leaves the session unavailable for this request (empty, writes ignored) instead of throwing.
    /// </summary>
    private void EnsureLoaded()
    {
        if (_loaded || !_available)
        {
            return;
        }

        try
        {
            StartLoading().GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || exception is SessionStoreTimeoutException)
        {
            _logger.SessionLoadFailed(exception);
            _available = false;
            _view.Reset();
        }
    }
}
