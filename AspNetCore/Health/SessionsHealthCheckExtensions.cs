using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Sessions.AspNetCore;

public static class SessionsHealthCheckExtensions
{
    /// <summary>The tag of the readiness checks (<c>/readyz</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The readiness check "cluster" (tagged <see cref="ReadyTag"/>): ready while the session grains answer and the app
    /// is not stopping; from SIGTERM on, for <c>Frontend:DrainDelay</c>, not ready while requests are still served.
    /// </summary>
    public static IHealthChecksBuilder AddSessionsHealthChecks(this IHealthChecksBuilder builder)
    {
        builder.Services.AddHostedService<FrontendDrain>();
        return builder.AddCheck<ClusterReadyHealthCheck>("cluster", tags: [ReadyTag]);
    }

    /// <summary>
    /// <c>/healthz</c> (the process is alive, no check runs) and <c>/readyz</c> (the checks tagged
    /// <see cref="ReadyTag"/>; 503 with each failing check's reason). Neither reads a session.
    /// </summary>
    public static IEndpointRouteBuilder MapSessionsHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(ClusterConnectionGate.LivenessPath, new() { Predicate = _ => false }).WithoutSessionPreload();
        endpoints.MapHealthChecks(ClusterConnectionGate.ReadinessPath, new()
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).WithoutSessionPreload();
        return endpoints;
    }
}
