namespace Sessions.WebFrontend.Session;

/// <summary>
/// Loads one request's session into its <see cref="SessionView"/>, once: in the background from the first ask, awaited
/// by <c>LoadAsync</c>, or waited for by synchronous <c>ISession</c> members as the built-in session does. As there, a
/// failed synchronous wait leaves the session unavailable for the request (empty, writes ignored) instead of throwing.
/// </summary>
internal sealed class SessionLoad(HttpContext http, SessionIdLifecycle id, SessionOperations store, SessionView view, ILogger logger)
{
    private Task? _loading;
    private bool _loaded = !id.MayExist;

    /// <summary>The view holds what there is to load (or there was nothing).</summary>
    public bool IsLoaded => _loaded;

    public bool IsAvailable { get; private set; } = true;

    /// <summary>Starts the load unless it ran already; bound to the request's lifetime, not to any caller's token.</summary>
    public Task Start() => _loading ??= _loaded ? Task.CompletedTask : LoadAsync();

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var loading = Start();
        return loading.IsCompleted || !cancellationToken.CanBeCanceled ? loading : loading.WaitAsync(cancellationToken);
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
            Start().GetAwaiter().GetResult();
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
    public void Reset()
    {
        _loading = null;
        _loaded = !id.MayExist;
        IsAvailable = true;
    }

    private async Task LoadAsync()
    {
        if (id.MayExist)
        {
            view.Loaded = await store.LoadAsync(http.RequestAborted);
            await store.RenewIfDueAsync(view.Loaded, http.Response, http.RequestAborted);
        }

        _loaded = true;
    }
}
