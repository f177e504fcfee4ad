using System.Collections.Frozen;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sessions.AspNetCore;
using Sessions.Configuration;
using Sessions.Grains.Interfaces;

namespace Sessions.Bench.CeilingApp;

/// <summary>
/// <c>/api/session/items/{key}</c> on <see cref="CeilingSessions"/>: the routes, metadata and endpoint filters of the
/// WebFrontend's browser-facing item API (key syntax, then the client-writable keys), the real session cookie
/// (<see cref="SessionCookie"/>: validation on every request, issued on the first write) and the same responses (the
/// stored bytes with their content type; 404 problem details for a missing session or item).
/// </summary>
public static class CeilingSessionEndpoints
{
    private const int MaxValueBytes = 64 * 1024;

    public static RouteGroupBuilder MapCeilingSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithMetadata(SessionDataResponse.Instance).RefuseCrossSiteRequests();
        var items = group.MapGroup("/items/{key}")
            .AddEndpointFilterFactory(KeySyntaxFilter)
            .AddEndpointFilterFactory(ClientWritableFilter);
        items.MapGet("", GetItem);
        items.MapPut("", SetItemAsync);
        items.MapPost("/increment", Increment);
        return group;
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> GetItem(
        string key, HttpContext http, SessionCookie cookie, CeilingSessions sessions, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return cookie.TryRead(http.Request, out var id, out var secret)
            && sessions.TryGet(secret.GrainKeyOf(id), out var session)
            && session.Items.TryGetValue(key, out var value)
            ? TypedResults.Bytes(value, ValueContentType.Of(value))
            : NoItem(key);
    }

    private static async Task<NoContent> SetItemAsync(
        string key, HttpContext http, SessionCookie cookie, CeilingSessions sessions, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, cancellationToken);
        if (body.Length > MaxValueBytes)
        {
            throw new BadHttpRequestException("value too large", StatusCodes.Status413PayloadTooLarge);
        }

        sessions.Set(GrainKey(http, cookie), key, body.ToArray());
        return TypedResults.NoContent();
    }

    private static Results<Ok<long>, ProblemHttpResult> Increment(
        string key, string? by, HttpContext http, SessionCookie cookie, CeilingSessions sessions)
    {
        long amount = 1;
        if (by is not null && !long.TryParse(by, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount))
        {
            return TypedResults.Problem($"'by' must be a 64-bit integer, not '{by}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(sessions.Increment(GrainKey(http, cookie), key, amount));
    }

    // The session the request's cookie names, or a new one whose cookie the response sets.
    private static string GrainKey(HttpContext http, SessionCookie cookie)
    {
        if (cookie.TryRead(http.Request, out var id, out var secret))
        {
            return secret.GrainKeyOf(id);
        }

        id = SessionCookie.NewId();
        cookie.Issue(http.Response, id);
        return http.RequestServices.GetRequiredService<SessionSecrets>().Current.GrainKeyOf(id);
    }

    private static ProblemHttpResult NoItem(string key) => TypedResults.Problem(
        $"The session has no item '{key}', or the request carries no live session.",
        statusCode: StatusCodes.Status404NotFound, title: "No such item");

    private static EndpointFilterDelegate KeySyntaxFilter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var maxLength = context.ApplicationServices.GetRequiredService<IOptions<SessionLimitsOptions>>().Value.MaxKeyLength;
        return invocation => SessionKeyRules.IsValid(invocation.GetArgument<string>(0), maxLength)
            ? next(invocation)
            : ValueTask.FromResult<object?>(TypedResults.Problem("Invalid key.", statusCode: StatusCodes.Status400BadRequest));
    }

    private static EndpointFilterDelegate ClientWritableFilter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var options = context.ApplicationServices.GetRequiredService<IOptions<SessionApiOptions>>().Value;
        var keys = options.ClientWritableKeys.ToFrozenSet(StringComparer.Ordinal);
        var prefixes = options.ClientWritablePrefixes.ToArray();
        return invocation =>
        {
            var key = invocation.GetArgument<string>(0);
            return keys.Contains(key) || Array.Exists(prefixes, prefix => key.StartsWith(prefix, StringComparison.Ordinal))
                ? next(invocation)
                : ValueTask.FromResult<object?>(NoItem(key));
        };
    }
}
