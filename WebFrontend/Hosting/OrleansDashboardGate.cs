using Microsoft.Extensions.Options;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.WebFrontend.Hosting;

/// <summary>
/// Keeps the Orleans Dashboard (it shows grain state and calls) to signed-in sessions of
/// <c>Observability:OrleansDashboardRole</c>: others get 401 or 403 problem+json. In the pipeline only while it is on.
/// </summary>
internal sealed class OrleansDashboardGate(RequestDelegate next, IOptions<ObservabilityOptions> options, IProblemDetailsService problems)
{
    private readonly ObservabilityOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments(_options.OrleansDashboardPath))
        {
            await next(http);
            return;
        }

        var session = http.GetOrleansSession();
        await session.LoadAsync(http.RequestAborted);
        var (status, title, detail) = session.Info switch
        {
            not { IsSignedIn: true } => (StatusCodes.Status401Unauthorized, "Not signed in", "Sign in first (POST /api/auth/login)."),
            { } info when !info.IsInRole(_options.OrleansDashboardRole) =>
                (StatusCodes.Status403Forbidden, "Forbidden", $"This needs the role '{_options.OrleansDashboardRole}'."),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = status;
        await problems.WriteAsync(new() { HttpContext = http, ProblemDetails = { Status = status, Title = title, Detail = detail } });
    }
}
