using Microsoft.AspNetCore.Http.HttpResults;

namespace Sessions.WebFrontend.Analytics;

public static class AnalyticsEndpoints
{
    /// <summary>
    /// <c>GET /api/analytics</c>: the visit analytics as JSON (aggregates only), open in Development and restricted to
    /// <c>Analytics:Role</c> elsewhere (401/403 problem+json).
    /// </summary>
    public static WebApplication MapAnalyticsEndpoints(this WebApplication app)
    {
        app.MapGet("/api/analytics", ReadAsync);
        return app;
    }

    private static async Task<Results<Ok<AnalyticsReport>, ProblemHttpResult>> ReadAsync(
        HttpContext http, AnalyticsAccess access, AnalyticsReader reader, CancellationToken cancellationToken)
    {
        if (!access.IsOpen)
        {
            var session = http.GetOrleansSession();
            await session.LoadAsync(cancellationToken);
            if (session.Info is not { IsSignedIn: true })
            {
                return SessionUserProblems.NotSignedIn();
            }

            if (!access.Allows(session.Info))
            {
                return SessionUserProblems.Forbidden(access.Role);
            }
        }

        return TypedResults.Ok(await reader.ReadAsync(cancellationToken));
    }
}
