using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sessions.WebFrontend.Endpoints;

/// <summary>The REST API over the caller's own session (<c>/api/session</c>).</summary>
public static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags("Session");
        group.MapGet("/", GetSessionAsync).WithName("GetSession");
        group.MapDelete("/", DestroyAsync).WithName("DestroySession").WithoutSessionPreload();
        group.MapGet("/items/{key}", GetItemAsync).WithName("GetSessionItem");
        group.MapPut("/items/{key}", SetItemAsync).WithName("SetSessionItem").WithoutSessionPreload();
        group.MapDelete("/items/{key}", RemoveItemAsync).WithName("RemoveSessionItem").WithoutSessionPreload();
        group.MapPost("/items/{key}/increment", IncrementAsync).WithName("IncrementSessionItem").WithoutSessionPreload();
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
            session.TryGetValue(key, out var value);
            items[key] = SessionValueFormat.ToJson(value!);
        }

        return TypedResults.Ok(new SessionDocument(info.CreatedAt, info.LastAccessedAt, info.ExpiresAt, info.UserId, items));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetItemAsync(
        string key, HttpContext http, SessionStoreContext store, CancellationToken cancellationToken)
    {
        if (!SessionKeyRules.IsValid(key, store.Limits.MaxKeyLength))
        {
            return Problems.BadKey(store.Limits.MaxKeyLength);
        }

        var session = http.GetOrleansSession();
        await session.LoadAsync(cancellationToken);
        if (!session.Exists)
        {
            return Problems.NoSession();
        }

        return session.TryGetValue(key, out var value)
            ? TypedResults.Bytes(value, SessionValueFormat.ContentTypeOf(value))
            : Problems.NoItem(key);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetItemAsync(
        string key, HttpContext http, SessionStoreContext store, CancellationToken cancellationToken)
    {
        if (!SessionKeyRules.IsValid(key, store.Limits.MaxKeyLength))
        {
            return Problems.BadKey(store.Limits.MaxKeyLength);
        }

        var value = await RequestBody.ReadAsync(http.Request, store.Limits.MaxValueBytes, cancellationToken);
        if (value is null)
        {
            return Problems.ValueTooLarge(store.Limits.MaxValueBytes);
        }

        var isJson = http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        if (isJson ? !SessionValueFormat.IsJson(value) : !SessionValueFormat.IsText(value))
        {
            return Problems.BadValue(isJson);
        }

        var session = http.GetOrleansSession();
        session.Set(key, value);
        await session.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveItemAsync(
        string key, HttpContext http, SessionStoreContext store, CancellationToken cancellationToken)
    {
        if (!SessionKeyRules.IsValid(key, store.Limits.MaxKeyLength))
        {
            return Problems.BadKey(store.Limits.MaxKeyLength);
        }

        var session = http.GetOrleansSession();
        if (session.HasCookie)
        {
            session.Remove(key);
            await session.CommitAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<long>, ProblemHttpResult>> IncrementAsync(
        string key, string? by, HttpContext http, SessionStoreContext store, CancellationToken cancellationToken)
    {
        if (!SessionKeyRules.IsValid(key, store.Limits.MaxKeyLength))
        {
            return Problems.BadKey(store.Limits.MaxKeyLength);
        }

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
