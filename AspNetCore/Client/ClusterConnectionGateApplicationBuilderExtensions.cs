namespace Sessions.AspNetCore;

public static class ClusterConnectionGateApplicationBuilderExtensions
{
    /// <summary>
    /// Until the Orleans client of <c>AddSessionsClient()</c> has connected, answers every request but <c>/healthz</c>,
    /// <c>/readyz</c> and <c>/metrics</c> with 503 problem+json and <c>Retry-After</c> (in embedded mode it lets
    /// everything through). Place it ahead of <c>UseOrleansSessions()</c>.
    /// </summary>
    public static IApplicationBuilder UseSessionsConnectionGate(this IApplicationBuilder app) =>
        app.UseMiddleware<ClusterConnectionGate>();
}
