using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// After a page request, reports its page view or interaction (<see cref="PageVisit"/>) to the request's session,
/// one-way. Runs inside the session middleware, so the request's session is still at hand; a request that never used
/// its session creates none here.
/// </summary>
internal sealed class VisitRecordingMiddleware(RequestDelegate next, IOptions<AnalyticsOptions> options)
{
    private readonly bool _enabled = options.Value.RecordVisits;

    public async Task InvokeAsync(HttpContext http)
    {
        await next(http);
        if (_enabled && PageVisit.Of(http) is { } visit && http.Features.Get<ISessionFeature>() is OrleansSessionFeature { Created: OrleansSession session })
        {
            session.Request.RecordVisit(visit);
        }
    }
}
