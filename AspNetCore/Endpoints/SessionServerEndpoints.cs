using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// The server-to-server REST API (<c>/api/server/session</c>) for frontends in other languages (Node, PHP, Java): the
/// same operations as <see cref="SessionEndpoints"/> with access to every key. The caller authenticates with
/// <c>Authorization: Bearer &lt;token&gt;</c> (a token of <c>SessionServerApi:Tokens</c>) and forwards the browser's
/// session cookie value in <see cref="SessionHeaderName"/>; a response that issues or clears the session carries the new
/// value (empty when cleared) in the same header, for the caller to set as its browser's cookie.
/// </summary>
/// <remarks>
/// Needs <c>app.UseRateLimiter()</c> in the pipeline for its own rate limit (<c>SessionServerApi:RequestsPerMinute</c>).
/// Its requests do not count against the per-address session-creation limit: they all come from the calling frontend.
/// </remarks>
public static class SessionServerEndpoints
{
    /// <summary>The request and response header that carries the browser's session cookie value.</summary>
    public const string SessionHeaderName = "X-Session-Cookie";

    /// <summary>
    /// Maps the server API. Fails (a <see cref="StartupException"/> naming <c>SessionServerApi:Tokens</c>) when no token
    /// is configured.
    /// </summary>
    public static RouteGroupBuilder MapSessionServerEndpoints(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SessionServerApiOptions>>().Value;
        if (options.Tokens.Count == 0)
        {
            throw new StartupException(
                "SessionServerApi:Tokens is empty: MapSessionServerEndpoints() needs at least one bearer token (e.g. SessionServerApi__Tokens__0).");
        }

        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionServerEndpoints));
        var group = app.MapGroup("/api/server/session")
            .WithTags("Session (server-to-server)")
            .WithMetadata(SessionDataResponse.Instance, new SessionIdHeaderMetadata(SessionHeaderName))
            .RequireRateLimiting(new SessionServerRateLimitPolicy(options.RequestsPerMinute, logger))
            .AddEndpointFilter(new SessionServerTokens(options.Tokens, logger))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithoutSessionPreload(); // nothing is fetched before the token is checked
        group.MapGet("/", GetSessionAsync).WithName("ServerGetSession");
        group.MapDelete("/", SessionHandlers.DestroyAsync).WithName("ServerDestroySession");

        var items = group.MapGroup("/items/{key}").AddEndpointFilterFactory(SessionKeyFilter.Create);
        SessionHandlers.MapItems(items, namePrefix: "Server", writesMayBeForbidden: false);
        return group;
    }

    private static Task<Results<Ok<SessionDocument>, ProblemHttpResult>> GetSessionAsync(HttpContext http, CancellationToken cancellationToken) =>
        SessionHandlers.GetSessionAsync(http, static _ => true, cancellationToken);
}
