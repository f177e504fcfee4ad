using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Sessions.WebFrontend.Session;

/// <summary>
/// <see cref="ISession"/> over the session grain, one instance per request. Reads load the session once; writes
/// are collected as a delta and committed in one grain call, so a commit carries only the keys this request changed.
/// A session id is only issued (cookie and all) on the first write; an id whose session is gone is never revived:
/// writing to it issues a fresh id.
/// </summary>
/// <remarks>
/// Like the built-in session, a write first makes sure the session is loaded, so that a write to a session that has
/// expired can issue a fresh id (and cookie) while the response has not started. Endpoints that commit explicitly
/// before responding can skip that with <c>WithoutSessionPreload()</c>: their writes are sent without a load.
/// </remarks>
public sealed class OrleansSession(
    HttpContext http, string? cookieSessionId, SessionStoreContext store, TimeSpan ioTimeout, bool blindWrites) : ISession
{
    private readonly SessionDelta _delta = new();
    private string? _id = cookieSessionId;
    private bool _isNew;          // the id was generated in this request and has no stored state yet
    private bool _cookieIssued;
    private bool _knownAbsent;    // loaded, and the cookie's session turned out to be gone
    private bool _available = true;
    private Task? _loading;
    private bool _loaded;
    private SessionSnapshot? _snapshot;
    private ImmutableDictionary<string, byte[]> _view = ImmutableDictionary<string, byte[]>.Empty;

    /// <summary>True when the request carried a valid session cookie.</summary>
    public bool HasCookie { get; } = cookieSessionId is not null;

    /// <summary>After loading: whether a live session exists.</summary>
    public bool Exists => _snapshot is not null;

    /// <summary>After loading: the session's metadata, or null when there is none.</summary>
    public SessionInfo? Info => _snapshot?.Info;

    /// <summary>False when the session could not be loaded synchronously; reads are then empty and writes ignored.</summary>
    public bool IsAvailable
    {
        get
        {
            EnsureLoaded();
            return _available;
        }
    }

    /// <summary>A stable, non-secret identifier of the session (a hash of the id; the id itself is a credential).</summary>
    public string Id
    {
        get
        {
            if (_id is null)
            {
                _id = SessionCookie.NewId();
                _isNew = true;
            }

            return SessionFingerprint.PublicId(_id);
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
        return _view.TryGetValue(key, out value);
    }

    public void Set(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!SessionKeyRules.IsWithinLimits(key, store.Limits.MaxKeyLength))
        {
            throw new ArgumentOutOfRangeException(nameof(key), $"Session keys are 1 to {store.Limits.MaxKeyLength} characters.");
        }

        if (value.Length > store.Limits.MaxValueBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"Session values are limited to {store.Limits.MaxValueBytes} bytes.");
        }

        if (!blindWrites)
        {
            EnsureLoaded();
        }

        if (!_available)
        {
            return;
        }

        Establish();
        var copy = value.ToArray();
        _delta.Set(key, copy);
        if (_loaded)
        {
            _view = _view.SetItem(key, copy);
        }
    }

    public void Remove(string key)
    {
        _delta.Remove(key);
        if (_loaded)
        {
            _view = _view.Remove(key);
        }
    }

    public void Clear()
    {
        _delta.Clear();
        _view = _view.Clear();
    }

    /// <summary>Starts loading in the background; a later read or <see cref="LoadAsync"/> awaits the same load.</summary>
    internal void StartLoading() => _loading ??= LoadCoreAsync(http.RequestAborted);

    public Task LoadAsync(CancellationToken cancellationToken = default) => _loading ??= LoadCoreAsync(cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_delta.IsEmpty || _id is null)
        {
            return;
        }

        try
        {
            var result = await ApplyAsync(cancellationToken);
            if (result.Status == SessionWriteStatus.NotFound)
            {
                if (!_delta.HasSets)
                {
                    return; // removals from a session that is gone: nothing to do
                }

                Rotate();
                result = await ApplyAsync(cancellationToken);
            }

            if (!result.Succeeded)
            {
                throw new SessionWriteException(result.Status);
            }

            _isNew = false;
            _knownAbsent = false;
        }
        finally
        {
            _delta.Reset();
        }
    }

    /// <summary>Atomically adds <paramref name="by"/> to the integer under <paramref name="key"/>; returns the new value.</summary>
    public async Task<long> IncrementAsync(string key, long by, CancellationToken cancellationToken = default)
    {
        await CommitAsync(cancellationToken);
        Establish();
        var result = await IncrementOnceAsync(key, by, cancellationToken);
        if (result.Status == SessionWriteStatus.NotFound)
        {
            Rotate();
            result = await IncrementOnceAsync(key, by, cancellationToken);
        }

        if (!result.Succeeded)
        {
            throw new SessionWriteException(result.Status);
        }

        _isNew = false;
        _knownAbsent = false;
        return result.Value;
    }

    /// <summary>Ends the session server-side and clears the cookie.</summary>
    public async Task DestroyAsync(CancellationToken cancellationToken = default)
    {
        if (_id is not null && !_isNew)
        {
            var id = _id;
            await store.CallAsync(http, "destroying", ioTimeout, idempotent: true, async token =>
            {
                await store.Grain(id).DestroyAsync(token);
                return true;
            }, cancellationToken);
        }

        if (HasCookie || _cookieIssued)
        {
            store.Cookie.Clear(http.Response);
        }

        _delta.Reset();
        _id = null;
        _isNew = false;
        _cookieIssued = false;
        _knownAbsent = false;
        _snapshot = null;
        _view = ImmutableDictionary<string, byte[]>.Empty;
    }

    private async Task LoadCoreAsync(CancellationToken cancellationToken)
    {
        if (_id is not null && !_isNew)
        {
            var id = _id;
            _snapshot = await store.CallAsync(http, "loading", ioTimeout, idempotent: true, token => store.Grain(id).LoadAsync(token), cancellationToken);
            _knownAbsent = _snapshot is null;
        }

        _view = _delta.ApplyTo(_snapshot?.Items ?? ImmutableDictionary<string, byte[]>.Empty);
        _loaded = true;
    }

    private ValueTask<SessionWriteResult> ApplyAsync(CancellationToken cancellationToken)
    {
        var id = _id!;
        var changes = _delta.ToChangeSet(createIfMissing: _isNew);
        return store.CallAsync(http, "committing", ioTimeout, idempotent: true, token => store.Grain(id).ApplyAsync(changes, token), cancellationToken);
    }

    private ValueTask<SessionWriteResult> IncrementOnceAsync(string key, long by, CancellationToken cancellationToken)
    {
        var id = _id!;
        var createIfMissing = _isNew;
        return store.CallAsync(
            http, "committing", ioTimeout, idempotent: false, token => store.Grain(id).IncrementAsync(key, by, createIfMissing, token), cancellationToken);
    }

    /// <summary>
    /// Synchronous access before <see cref="LoadAsync"/> completed: wait for the load like the built-in session does.
    /// As there, a failure leaves the session unavailable for this request (empty, writes ignored) instead of throwing.
    /// </summary>
    private void EnsureLoaded()
    {
        if (_loaded || !_available)
        {
            return;
        }

        try
        {
            LoadAsync(http.RequestAborted).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || exception is SessionStoreTimeoutException)
        {
            store.LoadFailed(exception);
            _available = false;
            _delta.Reset();
            _view = ImmutableDictionary<string, byte[]>.Empty;
        }
    }

    /// <summary>Makes sure there is an id the next write can create state under, issuing its cookie.</summary>
    private void Establish()
    {
        if (_id is null || _knownAbsent)
        {
            Rotate();
        }
        else if (_isNew && !_cookieIssued)
        {
            IssueCookie();
        }
    }

    private void Rotate()
    {
        _id = SessionCookie.NewId();
        _isNew = true;
        _knownAbsent = false;
        _snapshot = null;
        IssueCookie();
    }

    private void IssueCookie()
    {
        if (http.Response.HasStarted)
        {
            throw new InvalidOperationException("The session cannot be established after the response has started.");
        }

        store.Cookie.Issue(http.Response, _id!);
        _cookieIssued = true;
    }
}
