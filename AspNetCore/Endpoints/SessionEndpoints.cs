using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>The REST API over the caller's own session (<c>/api/session</c>).</summary>
public static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags("Session").WithMetadata(SessionDataResponse.Instance);
        group.MapGet("/", GetSessionAsync).WithName("GetSession");
        group.MapDelete("/", DestroyAsync).WithName("DestroySession").WithoutSessionPreload();

        var items = group.MapGroup("/items/{key}").AddEndpointFilterFactory(SessionKeyFilter.Create).WithoutSessionPreload();
        items.MapGet("", GetItemAsync).WithName("GetSessionItem");
        items.MapPut("", SetItemAsync).WithName("SetSessionItem");
        items.MapDelete("", RemoveItemAsync).WithName("RemoveSessionItem");
        items.MapPost("/increment", IncrementAsync).WithName("IncrementSessionItem");
        return group;
    }

    private static async Task<Results<Ok<SessionDocument>, ProblemHttpResult>> GetSessionAsync(
        HttpContext http, CancellationToken cancellationToken)
    {
        var session = http.GetOrleansSession();
        await session.LoadAsync(cancellationToken);
        if (session.Info is not { } info)
        {
            return Problems.NoSession();
        }

        var items = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var key in session.Keys)
        {
            if (await session.GetValueAsync(key, cancellationToken) is { } value)
            {
                items[key] = SessionValueFormat.ToJson(value.Memory);
            }
        }

        return TypedResults.Ok(new SessionDocument(info.CreatedAt, info.LastAccessedAt, info.ExpiresAt, info.UserId, items));
    }

    // One grain call for one value: the session is neither preloaded nor copied.
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetItemAsync(
        string key, HttpContext http, CancellationToken cancellationToken)
    {
        var session = http.GetOrleansSession();
        return await session.GetValueAsync(key, cancellationToken) is { } value
            ? TypedResults.Bytes(value.Memory, SessionValueFormat.ContentTypeOf(value.Span))
            : Problems.NoItem(key);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetItemAsync(
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

        // Neither loaded before the write nor copied: the endpoint commits before it responds.
        var session = http.GetOrleansSession().Request;
        session.Set(key, value, loadFirst: false);
        await session.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RemoveItemAsync(string key, HttpContext http, CancellationToken cancellationToken)
    {
        var session = http.GetOrleansSession().Request;
        session.Remove(key, loadFirst: false);
        await session.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<long>, ProblemHttpResult>> IncrementAsync(
        string key, string? by, HttpContext http, CancellationToken cancellationToken)
    {
        long amount = 1;
        if (by is not null && !long.TryParse(by, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount))
        {
            return Problems.BadIncrement(by);
        }

        var value = await http.GetOrleansSession().IncrementAsync(key, amount, cancellationToken);
        return TypedResults.Ok(value);
    }

    private static async Task<NoContent> DestroyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        await http.GetOrleansSession().DestroyAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
