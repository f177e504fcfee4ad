namespace Sessions.AspNetCore;

/// <summary>Answers every cross-site state-changing request (<see cref="CrossSiteRequestJudge"/>) 403 problem+json; the rest go on.</summary>
internal sealed class CrossSiteRequestMiddleware(RequestDelegate next, CrossSiteRequestJudge judge)
{
    public Task InvokeAsync(HttpContext context) =>
        judge.RefusalOf(context.Request) is { } reason
            ? CrossSiteRefusal.Answer(reason).ExecuteAsync(context)
            : next(context);
}
