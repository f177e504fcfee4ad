namespace Sessions.AspNetCore;

/// <summary>Answers a cross-site state-changing request (<see cref="CrossSiteRequestJudge"/>) 403 problem+json before its endpoint runs.</summary>
internal sealed class CrossSiteRequestFilter(CrossSiteRequestJudge judge) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        judge.RefusalOf(context.HttpContext.Request) is { } reason
            ? CrossSiteRefusal.Answer(reason)
            : await next(context);
}
