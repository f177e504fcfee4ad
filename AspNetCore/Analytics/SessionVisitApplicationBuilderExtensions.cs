namespace Sessions.AspNetCore;

public static class SessionVisitApplicationBuilderExtensions
{
    /// <summary>
    /// Counts page views and form posts of endpoints marked with <see cref="PageResponse"/> into the request's session
    /// (visit analytics; <c>Analytics:RecordVisits</c>). Place it after <c>UseOrleansSessions()</c>: it reports to the
    /// session the request already has and never creates one.
    /// </summary>
    public static IApplicationBuilder UseSessionVisitRecording(this IApplicationBuilder app) =>
        app.UseMiddleware<VisitRecordingMiddleware>();
}
