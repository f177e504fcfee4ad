using Microsoft.AspNetCore.Session;

namespace Sessions.AspNetCore;

/// <summary>
/// The <see cref="ISessionStore"/> behind the stock <c>app.UseSession()</c>, for apps that keep it. The session comes
/// from our authenticated cookie; the stock middleware's own key and cookie go unused (its establish callback is never
/// called), though it still creates and data-protects a key on every request that lacks its cookie:
/// <c>app.UseOrleansSessions()</c> avoids that. Timeouts are ours (<c>Session:IOTimeout</c>), expiry the silo's.
/// </summary>
internal sealed class OrleansSessionStore(IHttpContextAccessor accessor, OrleansSessionFactory sessions) : ISessionStore
{
    public ISession Create(string sessionKey, TimeSpan idleTimeout, TimeSpan ioTimeout, Func<bool> tryEstablishSession, bool isNewSessionKey) =>
        sessions.Create(accessor.HttpContext
            ?? throw new InvalidOperationException("Orleans sessions need an HTTP context (IHttpContextAccessor)."));
}
