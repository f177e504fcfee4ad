using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// The handlers both audiences of the REST API share: the browser-facing one (<see cref="SessionEndpoints"/>) in front
/// of its client-writable check, the server-to-server one (<see cref="SessionServerEndpoints"/>) behind its token.
/// </summary>
internal static class SessionHandlers
{
    /// <summary>
    /// GET, PUT, DELETE and increment under <paramref name="items"/> (<c>/items/{key}</c>), named with
    /// <paramref name="namePrefix"/>; <paramref name="writesMayBeForbidden"/> documents the 403 of a key not client-writable.
    /// </summary>
    public static void MapItems(RouteGroupBuilder items, string namePrefix, bool writesMayBeForbidden)
    {
        items.ProducesProblem(StatusCodes.Status400BadRequest);
        items.MapGet("", GetItemAsync).WithName(namePrefix + "GetSessionItem")
            .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: ["text/plain", "application/octet-stream"])
            .ProducesProblem(StatusCodes.Status404NotFound);
        RouteHandlerBuilder[] writes =
        [
            items.MapPut("", SetItemAsync).WithName(namePrefix + "SetSessionItem").ProducesProblem(StatusCodes.Status413PayloadTooLarge),
            items.MapDelete("", RemoveItemAsync).WithName(namePrefix + "RemoveSessionItem"),
            items.MapPost("/increment", IncrementAsync).WithName(namePrefix + "IncrementSessionItem").ProducesProblem(StatusCodes.Status409Conflict),
        ];
        if (writesMayBeForbidden)
        {
            Array.ForEach(writes, write => write.ProducesProblem(StatusCodes.Status403Forbidden));
        }
    }

    /// <summary>The whole session, showing only the items whose key <paramref name="include"/> accepts.</summary>
    public static async Task<Results<Ok<SessionDocument>, ProblemHttpResult>> GetSessionAsync(
        HttpContext http, Func<string, bool> include, CancellationToken cancellationToken)
    {
        var session = http.GetRequestSession();
        await session.LoadAsync(cancellationToken);
        if (session.Info is not { } info)
        {
            return Problems.NoSession();
        }

        var items = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var key in session.Keys.Where(include))
        {
            if (await session.GetValueAsync(key, cancellationToken) is { } value)
            {
                items[key] = SessionValueFormat.ToJson(value.Memory);
            }
        }

        return TypedResults.Ok(new SessionDocument(info.CreatedAt, info.LastAccessedAt, info.ExpiresAt, info.UserId, items));
    }

    // One grain call for one value, or none under a read lease: the session is neither preloaded nor copied, and a value
    // at hand is answered without an async state machine or task.
    public static ValueTask<Results<FileContentHttpResult, ProblemHttpResult>> GetItemAsync(
        string key, HttpContext http, CancellationToken cancellationToken)
    {
        var read = http.GetRequestSession().GetValueAsync(key, cancellationToken);
        return read.IsCompletedSuccessfully ? ValueTask.FromResult(ItemResult(key, read.Result)) : AwaitItemAsync(key, read);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SetItemAsync(
        string key, HttpContext http, IOptions<SessionLimitsOptions> limits, CancellationToken cancellationToken)
    {
        var maxValueBytes = limits.Value.MaxValueBytes;
        var value = await RequestBody.ReadAsync(http.Request, maxValueBytes, cancellationToken);
        if (value is null)
        {
            return Problems.ValueTooLarge(maxValueBytes);
        }

        var isJson = http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        if (isJson ? !SessionValueFormat.IsJson(value) : !SessionValueFormat.IsText(value))
        {
            return Problems.BadValue(isJson);
        }

        // Neither loaded before the write nor copied: the handler commits before it responds.
        var session = http.GetRequestSession();
        session.Set(key, value, loadFirst: false);
        await session.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> RemoveItemAsync(string key, HttpContext http, CancellationToken cancellationToken)
    {
        var session = http.GetRequestSession();
        session.Remove(key, loadFirst: false);
        await session.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<long>, ProblemHttpResult>> IncrementAsync(
        string key, string? by, HttpContext http, CancellationToken cancellationToken)
    {
        long amount = 1;
        if (by is not null && !long.TryParse(by, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount))
        {
            return Problems.BadIncrement(by);
        }

        var value = await http.GetRequestSession().IncrementAsync(key, amount, cancellationToken);
        return TypedResults.Ok(value);
    }

    public static async Task<NoContent> DestroyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        await http.GetRequestSession().EndAsync(reason: null, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async ValueTask<Results<FileContentHttpResult, ProblemHttpResult>> AwaitItemAsync(string key, ValueTask<SessionValue?> read) =>
        ItemResult(key, await read);

    private static Results<FileContentHttpResult, ProblemHttpResult> ItemResult(string key, SessionValue? value) =>
        value is { } found ? TypedResults.Bytes(found.Memory, SessionValueFormat.ContentTypeOf(found.Span)) : Problems.NoItem(key);
}
