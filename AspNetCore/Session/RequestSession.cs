using System.Runtime.CompilerServices;

namespace Sessions.AspNetCore;

/// <summary>
/// One request's session, whole: the session ID and the cookie that carries it, the snapshot loaded from the grain, the
/// request's changes laid over it (<see cref="SessionView"/>, plain data), the commit that sends only those changes, and
/// the renewal of a signed-in session's ID, an explicit step just before the response starts. A session whose cookie is
/// under a previous session-key secret (a secret rollover) moves to the current secret the same way, by an ID rotation
/// on its first request, with the same grace and replay rules as a renewal. A signed-in session whose principal
/// re-validation is due is checked as it loads (<see cref="SessionPrincipalRevalidation"/>). A write that creates a
/// session carries the app's idle timeout (<see cref="OrleansSessionOptions.IdleTimeout"/>). <see cref="OrleansSession"/>
/// adapts it to <see cref="ISession"/>; the REST API calls it directly.
/// </summary>
/// <remarks>
/// <para>An ID is issued, cookie and all, only when a write needs one, and an ID whose session is gone is never revived:
/// the next write gets a fresh one. The cookie is written when the response starts, so an error response carries it.</para>
/// <para>Loading has two parts with different rules. The fetch only calls the grain: it takes the grain key up front and
/// touches nothing of the request afterwards, so it may run beside the request's code (eager loading starts it before
/// the endpoint). Applying what was fetched touches the request, so it runs only where the request's own code waits:
/// <see cref="LoadAsync"/> or a synchronous read (which blocks as the built-in session does, and like it leaves a
/// session that failed to load unavailable instead of throwing). A fetch still running when the response completes is
/// cancelled and awaited in <c>Response.OnCompleted</c>, before the server reuses the context.</para>
/// </remarks>
internal sealed class RequestSession
{
    private readonly HttpContext _http;
    private readonly SessionCookie _cookie;
    private readonly SessionGrains _grains;
    private readonly SessionCallPolicy _calls;
    private readonly SessionCreationLimiter _creations;
    private readonly SessionIdSignals _signals;
    private readonly SessionLimitsOptions _limits;
    private readonly SecretRolloverMoves _rolloverMoves;
    private readonly LeasedSessionLoads? _leases;
    private readonly TimeSpan? _idleTimeout;
    private readonly ILogger _logger;
    private readonly SessionView _view = new();
    private readonly bool _hadCookie;
    private readonly string? _cookieKey; // the grain key of the cookie's ID, while the request still uses it

    private string? _id;
    private SessionSecret? _previousSecret; // the previous secret _id is under (a secret rollover); null: the current one
    private string? _grainKey;
    private string? _publicId;
    private string? _sentId;
    private bool _isNew;
    private bool _knownAbsent;
    private CookieChange _cookieChange;
    private bool _renewalDue;
    private bool _hookedStart;
    private bool _hookedCompletion;
    private bool _cookieCallAdmitted;
    private bool _deadReported;

    private LeasedSessionRead? _leased; // when the session was read from a lease: its metadata, made when asked for
    private SessionInfo? _leasedInfo;
    private Task<SessionSnapshot?>? _fetch;
    private CancellationTokenSource? _fetchCancellation;
    private Task? _applying;
    private bool _loaded;
    private bool _available = true;

    public RequestSession(
        HttpContext http, string? cookieSessionId, SessionSecret? previousSecret, SessionCookie cookie, SessionGrains grains,
        SessionCallPolicy calls, SessionCreationLimiter creations, SessionIdSignals signals, SessionLimitsOptions limits,
        SecretRolloverMoves rolloverMoves, LeasedSessionLoads? leases, TimeSpan? idleTimeout, ILogger logger)
    {
        (_http, _cookie, _grains, _calls, _creations, _signals, _limits, _rolloverMoves, _leases, _idleTimeout, _logger) =
            (http, cookie, grains, calls, creations, signals, limits, rolloverMoves, leases, idleTimeout, logger);
        _id = cookieSessionId;
        _previousSecret = cookieSessionId is null ? null : previousSecret;
        _hadCookie = cookieSessionId is not null;
        if (cookieSessionId is not null)
        {
            _grainKey = _cookieKey = grains.KeyOf(cookieSessionId, _previousSecret);
            _knownAbsent = signals.IsRememberedDead(http, _cookieKey); // as if a load had found nothing, without the call
        }

        _loaded = !MayExist;
        if (_previousSecret is not null)
        {
            HookResponseStart(); // moved to the current secret as the response starts, see RenewAsync
        }
    }

    private enum CookieChange
    {
        None,
        Issue,
        Clear,
    }

    /// <summary>After loading: the session's metadata, or null when there is no live session.</summary>
    public SessionInfo? Info =>
        _leased is { } leased && ReferenceEquals(_view.Loaded, leased.Snapshot) ? _leasedInfo ??= leased.Info() : _view.Loaded?.Info;

    /// <summary>The session's handle (stable across ID rotations, not secret); a session not stored yet gets the one its first write keeps.</summary>
    public string Handle => _view.Loaded?.Info.Handle is { Length: > 0 } handle ? handle : PublicId;

    /// <summary>The handle for traces (<c>session.id</c>), when the request has a session ID; null otherwise.</summary>
    public string? TraceHandle => _id is null ? null : Handle;

    /// <summary>State may be stored under the current ID: it came from the cookie and no read or write said otherwise.</summary>
    private bool MayExist => _id is not null && !_isNew && !_knownAbsent;

    private string GrainKey => _grainKey ??= _grains.KeyOf(_id ?? throw new InvalidOperationException("The request has no session ID."), _previousSecret);

    private string PublicId
    {
        get
        {
            if (_id is null || _knownAbsent)
            {
                UseFreshId();
            }

            return _publicId ??= SessionFingerprint.PublicId(GrainKey);
        }
    }

    public IEnumerable<string> Keys => Wait() ? _view.Keys : [];

    /// <summary>A value of the loaded session with this request's changes; the memory may be the grain's own: copy before handing it out.</summary>
    public bool TryGetValue(string key, out ReadOnlyMemory<byte> value)
    {
        value = default;
        return Wait() && _view.TryGetValue(key, out value);
    }

    /// <summary>
    /// One value without loading the whole session: from this request's changes or what it loaded, else one grain call
    /// that counts as an access. Null when there is no live session or no such key.
    /// </summary>
    public ValueTask<SessionValue?> GetValueAsync(string key, CancellationToken cancellationToken)
    {
        if (_loaded || _view.HasChanged(key))
        {
            return ValueTask.FromResult<SessionValue?>(_view.TryGetValue(key, out var found) ? new SessionValue(found) : null);
        }

        if (!MayExist)
        {
            return ValueTask.FromResult<SessionValue?>(null);
        }

        if (_leases is not null)
        {
            StartFetch(); // a whole load under a lease serves the next reads from memory
            return _loaded
                ? ValueTask.FromResult<SessionValue?>(_view.TryGetValue(key, out var leased) ? new SessionValue(leased) : null)
                : LoadThenGetValueAsync(key, cancellationToken);
        }

        return CookieCallRefusal() is { } refused ? ValueTask.FromException<SessionValue?>(refused) : LookUpValueAsync(key, cancellationToken);
    }

    /// <summary>
    /// Sets <paramref name="value"/> (owned from now on), after loading the session as the built-in session does, so
    /// that a write to an expired session gets a fresh ID while the response has not started. With
    /// <paramref name="loadFirst"/> false the write goes ahead unloaded (a caller that commits before it responds).
    /// </summary>
    public void Set(string key, byte[] value, bool loadFirst = true)
    {
        _limits.ThrowIfOutside(key, value);
        if (loadFirst ? Wait() : _available)
        {
            Establish();
            _view.Set(key, value);
        }
    }

    public void Remove(string key, bool loadFirst = true)
    {
        if ((loadFirst ? Wait() : _available) && (!_loaded || _view.TryGetValue(key, out _)))
        {
            _view.Remove(key);
        }
    }

    public void Clear()
    {
        if (Wait() && _view.Keys.Any())
        {
            _view.Clear();
        }
    }

    /// <summary>Atomically adds <paramref name="by"/> to the integer under <paramref name="key"/> after committing; returns the new value.</summary>
    public async Task<long> IncrementAsync(string key, long by, CancellationToken cancellationToken)
    {
        await CommitAsync(cancellationToken);
        Establish();
        var result = await IncrementOnceAsync(key, by, Guid.NewGuid(), cancellationToken);
        if (result.Status == SessionWriteStatus.NotFound)
        {
            FoundDead();
            RotateAfterLoss();
            result = await IncrementOnceAsync(key, by, Guid.NewGuid(), cancellationToken);
        }

        if (!result.Succeeded)
        {
            WriteRefused();
            throw new SessionWriteException(result.Status);
        }

        MarkStored();
        return result.Value;
    }

    /// <summary>Ends the session server-side (<paramref name="reason"/>, or a plain destroy) and clears the cookie.</summary>
    public async Task EndAsync(SessionEndReason? reason, CancellationToken cancellationToken)
    {
        if (MayExist)
        {
            ThrowIfCookieCallRefused();
            await _calls.RunAsync("ending", idempotent: true, (_grains, key: GrainKey, reason), static async (s, token) =>
            {
                var grain = s._grains.ForKey(s.key);
                await (s.reason is { } why ? grain.EndAsync(why, token) : grain.DestroyAsync(token));
                return true;
            }, cancellationToken);
        }

        await StopFetchAsync();
        (_id, _previousSecret, _grainKey, _publicId, _isNew, _knownAbsent) = (null, null, null, null, false, false);
        _view.Reset();
        _loaded = true;
        _cookieChange = _hadCookie ? CookieChange.Clear : CookieChange.None;
        if (_hadCookie)
        {
            HookResponseStart();
        }
    }

    /// <summary>
    /// Signs <paramref name="login"/> in: this request's changes are committed, then the session (if any) moves to a fresh
    /// ID with its state through the user's index and the new cookie is issued; the old ID is dead at once. Not retried:
    /// a sign-in that may have happened is not repeated on top of itself.
    /// </summary>
    public async Task<SessionInfo> SignInAsync(SessionLogin login, CancellationToken cancellationToken)
    {
        if (login.AuthenticationMethod is { } method && !SessionLogin.IsValidAuthenticationMethod(method))
        {
            throw new ArgumentException("Set the authentication method with SessionLogin.WithAuthenticationMethod.", nameof(login));
        }

        await CommitAsync(cancellationToken);
        var currentKey = MayExist ? GrainKey : null;
        if (currentKey is not null)
        {
            ThrowIfCookieCallRefused();
        }

        login = _idleTimeout is null ? login : login with { IdleTimeout = _idleTimeout }; // for a session the sign-in starts
        var newId = SessionCookie.NewId();
        var info = await _calls.RunAsync(
            "signing in to", idempotent: false, (_grains, currentKey, newKey: _grains.KeyOf(newId), login),
            static (s, token) => s._grains.Users(s.login.UserId).SignInAsync(s.currentKey, s.newKey, s.login, token), cancellationToken);
        MoveTo(newId, info.Handle);
        IssueCookie();
        await StopFetchAsync();
        (_fetch, _applying, _loaded, _available, _renewalDue) = (null, null, false, true, false);
        _view.Reset();
        return info;
    }

    /// <summary>Counts a page view or interaction, one-way, when the request carries a session that may exist (the grain judges if it is live).</summary>
    public void RecordVisit(SessionVisit visit)
    {
        if (!MayExist || CookieCallRefusal() is not null)
        {
            return;
        }

        try
        {
            _ = _grains.ForKey(GrainKey).RecordVisitAsync(visit);
        }
        catch (Exception exception) when (exception is OrleansException or InvalidOperationException)
        {
            _logger.VisitNotRecorded(exception);
        }
    }

    /// <summary>Loads (starting the fetch if needed); <paramref name="cancellationToken"/> stops only this wait.</summary>
    public Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return Task.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        StartFetch();
        if (_loaded)
        {
            return Task.CompletedTask; // served from a lease
        }

        return _fetch!.IsCompleted || !cancellationToken.CanBeCanceled ? Apply() : FetchThenApplyAsync(cancellationToken);
    }

    /// <summary>Waits for the load (starting it if needed); false when the session is unavailable for this request.</summary>
    public bool Wait()
    {
        if (_loaded || !_available)
        {
            return _available;
        }

        try
        {
            StartFetch();
            if (!_loaded)
            {
                Apply().GetAwaiter().GetResult();
            }
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or RateLimitedException) || exception is SessionStoreTimeoutException)
        {
            _logger.SessionLoadFailed(exception);
            _available = false;
            _view.Reset();
        }

        return _available;
    }

    /// <summary>Starts fetching the session unless a fetch ran or runs already; a later read applies the same fetch.</summary>
    public void StartFetch()
    {
        if (_loaded || _fetch is not null)
        {
            return;
        }

        if (_leases is not null && _leases.TryRead(GrainKey, out var leased))
        {
            // From memory, under a valid lease: no grain call, and applied at once: a lease ends before an ID renewal or
            // a principal re-validation falls due, so applying it touches nothing of the request but its own view.
            (_view.Loaded, _leased, _loaded) = (leased.Snapshot, leased, true);
            return;
        }

        if (!_hookedCompletion)
        {
            _hookedCompletion = true;
            _http.Response.OnCompleted(static state => ((RequestSession)state).StopFetchAsync(), this);
        }

        _fetchCancellation = new CancellationTokenSource();
        if (CookieCallRefusal() is { } refused)
        {
            _fetch = Task.FromException<SessionSnapshot?>(refused); // thrown where the request's code waits for the load
            return;
        }

        _fetch = _leases is not null
            ? _leases.LoadAsync(_grains, _calls, GrainKey, _fetchCancellation.Token)
            : _calls.ReadAsync("loading", (_grains, key: GrainKey),
                static (s, token) => s._grains.ForKey(s.key).LoadAsync(token), _fetchCancellation.Token).AsTask();
    }

    /// <summary>Sends this request's changes. A write the store refuses discards them and throws; after any other failure they stay pending.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (!_view.HasPending)
        {
            return;
        }

        if (!MayExist && !(_isNew && _view.HasPendingSets))
        {
            _view.MarkCommitted(); // only removals, from a session that is not stored: nothing to write
            return;
        }

        var result = await ApplyChangesAsync(cancellationToken);
        if (result.Status == SessionWriteStatus.NotFound)
        {
            FoundDead();
            if (!_view.HasPendingSets)
            {
                _view.MarkCommitted();
                return;
            }

            RotateAfterLoss();
            _view.MoveToFreshSession();
            result = await ApplyChangesAsync(cancellationToken);
        }

        if (!result.Succeeded)
        {
            _view.DiscardChanges();
            WriteRefused();
            throw new SessionWriteException(result.Status);
        }

        _view.MarkCommitted();
        MarkStored();
    }

    /// <summary>One value in one grain call, which also says whether the session is live: a dead one is then known as a load would know it.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SessionValue?> LookUpValueAsync(string key, CancellationToken cancellationToken)
    {
        var lookup = await _calls.ReadAsync("loading", (_grains, key: GrainKey, item: key),
            static (s, token) => s._grains.ForKey(s.key).LookUpValueAsync(s.item, token), cancellationToken);
        if (!lookup.SessionLive)
        {
            FoundDead();
            if (!_loaded && !_view.HasPending) // pending writes find out when they commit, and move to a fresh ID then
            {
                (_knownAbsent, _loaded) = (true, _fetch is null);
            }
        }

        return lookup.Value;
    }

    private async ValueTask<SessionValue?> LoadThenGetValueAsync(string key, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return _view.TryGetValue(key, out var found) ? new SessionValue(found) : null;
    }

    private Task Apply() => _applying ??= ApplyAsync();

    private async Task FetchThenApplyAsync(CancellationToken cancellationToken)
    {
        await _fetch!.WaitAsync(cancellationToken);
        await Apply();
    }

    private async Task ApplyAsync()
    {
        var loaded = await _fetch!;
        var endedByCheck = false;
        if (loaded is { Info.RevalidationDue: true } && _http.RequestServices?.GetService<ISessionPrincipalValidator>() is { } validator)
        {
            loaded = await SessionPrincipalRevalidation.RevalidateAsync(
                loaded, validator, _grains, _calls, GrainKey, loaded.Info.Handle is { Length: > 0 } handle ? handle : PublicId, _logger,
                _http.RequestAborted);
            endedByCheck = loaded is null;
            if (endedByCheck && !_http.Response.HasStarted)
            {
                _cookieChange = CookieChange.Clear;
                HookResponseStart();
            }
        }

        _view.Loaded = loaded;
        if (loaded is null)
        {
            if (!endedByCheck)
            {
                FoundDead(); // a session the app's check just ended is no attacker's dead ID
            }

            _knownAbsent = true;
        }
        else if (loaded.Info.RenewalDue && !_http.Response.HasStarted)
        {
            _renewalDue = true; // renewed just before the response starts, see RenewAsync
            HookResponseStart();
        }

        _loaded = true;
    }

    /// <summary>Ends a fetch nobody waits for any more: cancelled, then awaited, its failure observed.</summary>
    private async Task StopFetchAsync()
    {
        if (_fetch is not { } fetch)
        {
            return;
        }

        if (!fetch.IsCompleted)
        {
            _fetchCancellation?.Cancel();
            try
            {
                await fetch;
            }
            catch (OperationCanceledException)
            {
                // cut short as asked
            }
            catch (Exception exception)
            {
                _logger.UnusedSessionFetchFailed(exception); // the request is over: nobody is left to tell
            }
        }
        else if (fetch.IsFaulted)
        {
            _ = fetch.Exception; // observed: it failed a load nobody asked for, or was reported where it was asked for
        }

        _fetchCancellation?.Dispose();
    }

    /// <summary>
    /// Rotates a signed-in session whose renewal the grain said is due, or a session under a previous secret (to a new ID
    /// under the current one), as the response starts (so the new cookie goes with it). Under an ID another request
    /// rotated away from already, the grain answers so and the request keeps its cookie (within the grace, as a renewal).
    /// A failure is logged and the session keeps its ID for now.
    /// </summary>
    private async Task RenewAsync()
    {
        var from = _previousSecret;
        var newId = SessionCookie.NewId();
        try
        {
            var result = await _calls.RunAsync(
                "renewing", idempotent: false, (_grains, key: GrainKey, rotation: new SessionRotation(_grains.KeyOf(newId), Login: null)),
                static (s, token) => s._grains.ForKey(s.key).RotateAsync(s.rotation, token), _http.RequestAborted);
            if (result is { Status: SessionRotationStatus.Rotated, Info: { } moved })
            {
                MoveTo(newId, moved.Handle);
                _cookieChange = CookieChange.Issue;
                if (from is not null)
                {
                    _rolloverMoves.Moved(moved.Handle, from);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.SessionRenewalFailed(exception);
        }
    }

    private ValueTask<SessionWriteResult> ApplyChangesAsync(CancellationToken cancellationToken)
    {
        ThrowIfCookieCallRefused();
        var changes = _view.ToChangeSet(createIfMissing: _isNew);
        if (changes.CreateIfMissing && _idleTimeout is not null)
        {
            changes = changes with { IdleTimeout = _idleTimeout }; // a session's idle timeout is fixed when it is created
        }

        return _calls.RunAsync("committing", idempotent: true, (_grains, key: GrainKey, changes),
            static (s, token) => s._grains.ForKey(s.key).ApplyAsync(s.changes, token), cancellationToken);
    }

    // Safe to retry across a failover: the session applies one operation id once.
    private ValueTask<SessionWriteResult> IncrementOnceAsync(string key, long by, Guid operationId, CancellationToken cancellationToken) =>
        CookieCallRefusal() is { } refused ? ValueTask.FromException<SessionWriteResult>(refused) : _calls.RunAsync("committing", idempotent: true, (_grains, id: GrainKey, key, by, create: _isNew, operationId),
            static (s, token) => s._grains.ForKey(s.id).IncrementOnceAsync(s.key, s.by, s.create, s.operationId, token), cancellationToken);

    /// <summary>Makes sure there is an ID the next write can create state under; a new one gets its cookie.</summary>
    private void Establish()
    {
        if (_id is null || _knownAbsent)
        {
            UseFreshId();
        }

        if (_isNew && _cookieChange != CookieChange.Issue)
        {
            _creations.ThrowIfLimited(_http);
            IssueCookie();
        }
    }

    /// <summary>The session of the current ID turned out to be gone while writing: continue under a fresh ID.</summary>
    private void RotateAfterLoss()
    {
        _creations.ThrowIfLimited(_http);
        UseFreshId();
        IssueCookie();
    }

    /// <summary>The store refused the write that was to create the session of a new ID: it needs no cookie.</summary>
    private void WriteRefused()
    {
        if (_isNew && _cookieChange == CookieChange.Issue)
        {
            _cookieChange = CookieChange.None;
        }
    }

    /// <summary>
    /// The refusal of the request's first grain call under the cookie's ID when its client network sent too many dead
    /// IDs (<see cref="SessionIdSignals.Limit"/>), or null when it may call; later calls of the request pass.
    /// </summary>
    private RateLimitedException? CookieCallRefusal()
    {
        if (_cookieCallAdmitted || _cookieKey is null || !ReferenceEquals(_grainKey, _cookieKey))
        {
            return null;
        }

        var refused = _signals.Limit(_http);
        _cookieCallAdmitted = refused is null;
        return refused;
    }

    private void ThrowIfCookieCallRefused()
    {
        if (CookieCallRefusal() is { } refused)
        {
            throw refused;
        }
    }

    /// <summary>A grain call under the cookie's ID found no live session: counted, logged, remembered (once per request).</summary>
    private void FoundDead()
    {
        if (!_deadReported && _cookieKey is not null && ReferenceEquals(_grainKey, _cookieKey))
        {
            _deadReported = true;
            _signals.Dead(_http, _cookieKey);
        }
    }

    private void MarkStored() => (_isNew, _knownAbsent) = (false, false);

    private void UseFreshId() =>
        (_id, _previousSecret, _grainKey, _publicId, _isNew, _knownAbsent) = (SessionCookie.NewId(), null, null, null, true, false);

    private void MoveTo(string newId, string handle) =>
        (_id, _previousSecret, _grainKey, _publicId, _isNew, _knownAbsent) = (newId, null, null, handle, false, false);

    private void IssueCookie()
    {
        if (_http.Response.HasStarted)
        {
            if (_sentId == _id)
            {
                return;
            }

            throw new InvalidOperationException("The session cannot be established after the response has started.");
        }

        _cookieChange = CookieChange.Issue;
        HookResponseStart();
    }

    private void HookResponseStart()
    {
        if (!_hookedStart)
        {
            _hookedStart = true;
            _http.Response.OnStarting(static state => ((RequestSession)state).OnResponseStartingAsync(), this);
        }
    }

    private async Task OnResponseStartingAsync()
    {
        if ((_renewalDue && _id is not null) || (_previousSecret is not null && MayExist))
        {
            _renewalDue = false;
            await RenewAsync();
        }

        if (_cookieChange == CookieChange.Issue)
        {
            _cookie.Issue(_http.Response, _id!);
            _sentId = _id;
        }
        else if (_cookieChange == CookieChange.Clear)
        {
            _cookie.Clear(_http.Response);
        }
    }
}
