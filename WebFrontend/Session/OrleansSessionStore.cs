using Microsoft.AspNetCore.Session;

namespace Sessions.WebFrontend.Session;

/// <summary>
/// The <see cref="ISessionStore"/> behind <c>app.UseSession()</c>. The built-in middleware's own session key and
/// cookie are not used: the session comes from our authenticated cookie, and no cookie of the built-in middleware
/// is ever issued (its establish callback is never called).
/// </summary>
internal sealed class OrleansSessionStore(IHttpContextAccessor accessor, SessionStoreContext store) : ISessionStore
{
    public ISession Create(string sessionKey, TimeSpan idleTimeout, TimeSpan ioTimeout, Func<bool> tryEstablishSession, bool isNewSessionKey)
    {
        var http = accessor.HttpContext
            ?? throw new InvalidOperationException("Orleans sessions need an HTTP context (IHttpContextAccessor).");
        var cookieSessionId = store.Cookie.TryRead(http.Request, out var id) ? id : null;
        var blindWrites = http.GetEndpoint()?.Metadata.GetMetadata<SessionPreloadMetadata>() is not null;
        var session = new OrleansSession(http, cookieSessionId, store, ioTimeout, blindWrites);
        if (cookieSessionId is not null && store.EagerLoad && !blindWrites)
        {
            session.StartLoading();
        }

        return session;
    }
}
