namespace Sessions.AspNetCore;

public static class CrossSiteApplicationBuilderExtensions
{
    /// <summary>
    /// Refuses browsers' cross-site state-changing requests (POST, PUT, PATCH, DELETE) to every later endpoint with 403
    /// problem+json, nothing changed (<see cref="CrossSiteRequestJudge"/>). Call it after <c>UseKnownProxies()</c>, so
    /// that the request's own origin is the one the browser sees.
    /// </summary>
    public static IApplicationBuilder UseCrossSiteRequestRefusal(this IApplicationBuilder app) =>
        app.UseMiddleware<CrossSiteRequestMiddleware>();
}
