namespace Sessions.AspNetCore;

/// <summary>
/// Until the Orleans client has connected, answers every request but the health probes and the metrics with 503
/// problem+json and <c>Retry-After</c>, rather than letting it reach a client that cannot send.
/// </summary>
internal sealed class ClusterConnectionGate(RequestDelegate next, ClusterConnection connection, IProblemDetailsService problems)
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";
    public const string MetricsPath = "/metrics";

    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        if (connection.IsConnected || path.StartsWithSegments(LivenessPath) || path.StartsWithSegments(ReadinessPath) || path.StartsWithSegments(MetricsPath))
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "1";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Session store unavailable",
                Detail = "This frontend has not connected to the session cluster yet; retry shortly.",
            },
        });
    }
}
