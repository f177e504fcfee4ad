namespace Sessions.AspNetCore;

/// <summary>
/// Loads one request's session into its <see cref="SessionView"/>, once, in two parts with different rules. The fetch
/// only calls the grain and returns what it holds: it takes the grain key and its token up front and touches nothing
/// of the request afterwards, so it may run beside the request's code (eager loading starts it before the endpoint).
/// Applying what was fetched (the view, an absent session, a due renewal and its cookie) touches the request, so it
/// runs only where the request's own code waits for it: <c>LoadAsync</c>, or a synchronous <c>ISession</c> member
/// (which blocks as the built-in session does, and like it leaves a session that failed to load unavailable for the
/// request instead of throwing).
/// </summary>
/// <remarks>
/// A fetch still running when the response completes is cancelled and awaited in <c>Response.OnCompleted</c>, which
/// the server runs before it reuses the context for the connection's next request: the same for
/// <c>UseOrleansSessions()</c> and the stock <c>UseSession()</c>.
/// </remarks>
internal sealed class SessionLoad(HttpContext http, SessionIdLifecycle id, SessionOperations store, SessionView view, ILogger logger)
{
    private Task<SessionSnapshot?>? _fetch;
    private CancellationTokenSource? _fetchCancellation;
    private Task? _applying;
    private bool _endsWithResponse;
    private bool _loaded = !id.MayExist;

    /// <summary>The view holds what there is to load (or there was nothing).</summary>
    public bool IsLoaded => _loaded;

    public bool IsAvailable { get; private set; } = true;

    /// <summary>Starts fetching unless a fetch ran or runs already. Called on the request's flow.</summary>
    public void Start()
    {
        if (_loaded || _fetch is not null)
        {
            return;
        }

        if (!_endsWithResponse)
        {
            _endsWithResponse = true;
            http.Response.OnCompleted(static state => ((SessionLoad)state).StopFetchAsync(), this);
        }

        _fetchCancellation = new CancellationTokenSource();
        _fetch = store.FetchAsync(_fetchCancellation.Token);
    }

    /// <summary>Loads (starting the fetch if needed); <paramref name="cancellationToken"/> stops only this wait.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return Task.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        Start();
        return _fetch!.IsCompleted || !cancellationToken.CanBeCanceled ? Apply() : FetchThenApplyAsync(cancellationToken);
    }

    /// <summary>Waits for the load (starting it if needed); false when the session is unavailable for this request.</summary>
    public bool Wait()
    {
        if (_loaded || !IsAvailable)
        {
            return IsAvailable;
        }

        try
        {
            Start();
            Apply().GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || exception is SessionStoreTimeoutException)
        {
            logger.SessionLoadFailed(exception);
            IsAvailable = false;
            view.Reset();
        }

        return IsAvailable;
    }

    /// <summary>The session is gone (destroyed): there is nothing left to load.</summary>
    public void Skip() => _loaded = true;

    /// <summary>The request's session changed (signed in under a new ID): the next read loads it afresh.</summary>
    public async Task ResetAsync()
    {
        await StopFetchAsync();
        _fetch = null;
        _applying = null;
        _loaded = !id.MayExist;
        IsAvailable = true;
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
        view.Loaded = loaded;
        if (loaded is null)
        {
            id.MarkAbsent();
        }

        await store.RenewIfDueAsync(loaded, http.Response, http.RequestAborted);
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
            _fetchCancellation!.Cancel();
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
                logger.UnusedSessionFetchFailed(exception); // the request is over: nobody is left to tell
            }
        }
        else if (fetch.IsFaulted)
        {
            _ = fetch.Exception; // observed: it failed a load nobody asked for, or was reported where it was asked for
        }

        _fetchCancellation!.Dispose();
    }
}
