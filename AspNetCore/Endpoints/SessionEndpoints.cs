using Microsoft.AspNetCore.Http.HttpResults;

namespace Sessions.AspNetCore;

/// <summary>
/// The browser-facing REST API over the caller's own session (<c>/api/session</c>): it reads and writes only the keys
/// the app declared client-writable (<see cref="SessionApiOptions"/>, none by default). Frontends in other languages that
/// need every key use <see cref="SessionServerEndpoints"/>.
/// </summary>
public static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags("Session").WithMetadata(SessionDataResponse.Instance).RefuseCrossSiteRequests();
        group.MapGet("/", GetSessionAsync).WithName("GetSession");
        group.MapDelete("/", SessionHandlers.DestroyAsync).WithName("DestroySession").WithoutSessionPreload();

        var items = group.MapGroup("/items/{key}")
            .AddEndpointFilterFactory(SessionKeyFilter.Create)
            .AddEndpointFilterFactory(ClientWritableKeys.CreateFilter)
            .WithoutSessionPreload();
        SessionHandlers.MapItems(items, namePrefix: string.Empty, writesMayBeForbidden: true);
        return group;
    }

    // The document lists only client-writable items: the rest of the session is the server's.
    private static Task<Results<Ok<SessionDocument>, ProblemHttpResult>> GetSessionAsync(
        HttpContext http, ClientWritableKeys writable, CancellationToken cancellationToken) =>
        SessionHandlers.GetSessionAsync(http, writable.Allows, cancellationToken);
}
