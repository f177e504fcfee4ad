namespace Sessions.AspNetCore;

public static class CrossSiteEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Refuses browsers' cross-site state-changing requests to these endpoints with 403 problem+json
    /// (<see cref="CrossSiteRequestJudge"/>). <c>MapSessionEndpoints()</c> applies it itself; for every endpoint of an app,
    /// Razor Pages included, call <c>app.UseCrossSiteRequestRefusal()</c> instead.
    /// </summary>
    public static TBuilder RefuseCrossSiteRequests<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(static (factory, next) =>
        {
            var filter = ActivatorUtilities.CreateInstance<CrossSiteRequestFilter>(factory.ApplicationServices);
            return context => filter.InvokeAsync(context, next);
        });
}
