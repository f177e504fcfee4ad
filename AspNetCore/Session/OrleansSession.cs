using System.Diagnostics.CodeAnalysis;

namespace Sessions.AspNetCore;

/// <summary>
/// <see cref="ISession"/> over the session grain, one instance per request: a thin adapter of the request's session,
/// which loads the session once (fetched in the background when <c>Session:EagerLoad</c> is on, applied on the request's
/// own flow), lays this request's changes over it and commits only them.
/// </summary>
/// <remarks>
/// A value read comes out as a private copy: what was loaded may be the grain's own bytes (a co-hosted silo passes them
/// without copying), and bytes handed to the grain are never handed to the app again. Like the built-in session, a write
/// first loads the session, so that a write to an expired session gets a fresh ID (and cookie) while the response has
/// not started.
/// </remarks>
public sealed class OrleansSession : ISession
{
    internal OrleansSession(RequestSession request) => Request = request;

    internal RequestSession Request { get; }

    /// <summary>After loading: the session's metadata, or null when there is no live session.</summary>
    public SessionInfo? Info => Request.Info;

    /// <summary>False when the session could not be loaded; reads are then empty and writes ignored, as with the built-in session.</summary>
    public bool IsAvailable => Request.Wait();

    /// <summary>
    /// A stable, non-secret identifier of the session (its handle: the same across ID rotations); empty when the session
    /// is unavailable.
    /// </summary>
    public string Id => Request.Wait() ? Request.Handle : string.Empty;

    public IEnumerable<string> Keys => Request.Keys;

    public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value)
    {
        value = Request.TryGetValue(key, out var found) ? found.ToArray() : null;
        return value is not null;
    }

    public void Set(string key, byte[] value) => Request.Set(key, value?.ToArray()!);

    public void Remove(string key) => Request.Remove(key);

    public void Clear() => Request.Clear();

    public Task LoadAsync(CancellationToken cancellationToken = default) => Request.LoadAsync(cancellationToken);

    /// <summary>Sends this request's changes. When it fails for any reason but a refusal they stay pending for the next commit.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => Request.CommitAsync(cancellationToken);

    /// <summary>
    /// One value, without loading the whole session: from this request's own changes or what it loaded, else one grain
    /// call that counts as an access. Null when there is no live session or no such key.
    /// </summary>
    public ValueTask<SessionValue?> GetValueAsync(string key, CancellationToken cancellationToken = default) =>
        Request.GetValueAsync(key, cancellationToken);

    /// <summary>Commits, then atomically adds <paramref name="by"/> to the integer under <paramref name="key"/>; returns the new value.</summary>
    public Task<long> IncrementAsync(string key, long by, CancellationToken cancellationToken = default) =>
        Request.IncrementAsync(key, by, cancellationToken);

    /// <summary>Ends the session server-side and clears the cookie.</summary>
    public Task DestroyAsync(CancellationToken cancellationToken = default) => Request.EndAsync(reason: null, cancellationToken);

    /// <summary>Ends the session server-side for <paramref name="reason"/> (a logout, say) and clears the cookie.</summary>
    public Task EndAsync(SessionEndReason reason, CancellationToken cancellationToken = default) => Request.EndAsync(reason, cancellationToken);

    /// <summary>
    /// Signs <paramref name="login"/> in: this request's changes are committed, then the session moves to a new ID with
    /// its state (a pre-login cart survives) and the new cookie is issued; the old ID is dead at once.
    /// </summary>
    public Task<SessionInfo> SignInAsync(SessionLogin login, CancellationToken cancellationToken = default) =>
        Request.SignInAsync(login, cancellationToken);
}
