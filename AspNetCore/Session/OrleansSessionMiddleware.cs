using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Sessions.AspNetCore;

/// <summary>
/// Sets <see cref="ISessionFeature"/> to the request's <see cref="OrleansSession"/> and commits it when the request
/// ends, like the stock session middleware but without its cookie and key work. The commit is not bound to
/// <see cref="HttpContext.RequestAborted"/>: a client that went away does not lose the request's writes. A session
/// fetch started here and never used is ended by the session itself (<see cref="RequestSession"/>).
/// </summary>
/// <remarks>
/// A limit or refusal thrown by the app's code (a session-creation limit hit in <c>ISession.Set</c>, a write the store
/// refuses, an unreachable cluster) is answered here as <see cref="SessionExceptionHandler"/> answers it behind
/// <c>app.UseExceptionHandler()</c> (429 problem+json with <c>Retry-After</c>, 4xx, 503), while the response has not
/// started; the app needs no exception handler of its own for them. Anything else goes on up the pipeline.
/// </remarks>
internal sealed class OrleansSessionMiddleware(
    RequestDelegate next, OrleansSessionFactory sessions, SessionExceptionHandler problems, ILogger<OrleansSessionMiddleware> logger)
{
    public const string SessionIdTag = "session.id";

    public async Task InvokeAsync(HttpContext http)
    {
        var feature = new OrleansSessionFeature(sessions, http);
        if (sessions.Preloads(http))
        {
            _ = feature.Session;
        }

        http.Features.Set<ISessionFeature>(feature);
        try
        {
            await next(http);
        }
        catch (Exception exception) when (!http.Response.HasStarted && SessionExceptionHandler.Handles(exception))
        {
            http.Response.Clear();
            if (!await problems.TryHandleAsync(http, exception, http.RequestAborted))
            {
                throw;
            }
        }
        finally
        {
            http.Features.Set<ISessionFeature?>(null);
            // Only on a trace that is recorded: ASP.NET Core also starts a request activity for log correlation alone, and
            // an anonymous session's handle is a SHA-256 computed when asked for (measured: a hash and about 200 bytes per read).
            if (Activity.Current is { Recorded: true } activity && feature.Created is OrleansSession { Request.TraceHandle: { } handle })
            {
                activity.SetTag(SessionIdTag, handle); // OpenTelemetry's session attribute, a keyed hash of the ID (never the ID)
            }

            try
            {
                if (feature.Created is { } session)
                {
                    await session.CommitAsync(CancellationToken.None);
                }
            }
            catch (Exception exception)
            {
                logger.SessionCommitFailed(exception);
            }
        }
    }
}
