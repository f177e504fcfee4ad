using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Session;

namespace Sessions.WebFrontend.Session;

/// <summary>
/// Maps the session cookie to an <see cref="OrleansSession"/> for the request and commits what is left uncommitted
/// once the request has been handled. A missing or forged cookie costs no grain call.
/// </summary>
internal sealed class OrleansSessionMiddleware(RequestDelegate next, SessionStoreContext store, ILogger<OrleansSessionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var cookieSessionId = store.Cookie.TryRead(context.Request, out var id) ? id : null;
        var session = new OrleansSession(context, cookieSessionId, store);
        context.Features.Set<ISessionFeature>(new SessionFeature { Session = session });
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set<ISessionFeature?>(null);
        }

        // A failed request is not committed: its half-made changes are dropped.
        try
        {
            await session.CommitAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.CommitFailed(exception);
        }
    }
}
