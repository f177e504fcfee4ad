using System.Globalization;
using System.Text;

namespace Sessions.Bench.RedisSessionApp;

/// <summary>
/// Sessions' item API (<c>/api/session/items/{key}</c>) written the way an application on the stock session would:
/// every handler awaits <see cref="ISession.LoadAsync"/> first (the documented way to avoid a synchronous load) and
/// leaves the commit to the session middleware, which writes the whole session when it changed and refreshes its
/// expiry in Redis otherwise.
/// </summary>
public static class SessionItemEndpoints
{
    private const int MaxValueBytes = 64 * 1024;

    public static RouteGroupBuilder MapSessionItemEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session/items");
        group.MapGet("/{key}", GetItemAsync);
        group.MapPut("/{key}", SetItemAsync);
        group.MapPost("/{key}/increment", IncrementAsync);
        return group;
    }

    private static async Task<IResult> GetItemAsync(string key, HttpContext http, CancellationToken cancellationToken)
    {
        await http.Session.LoadAsync(cancellationToken);
        return http.Session.TryGetValue(key, out var value)
            ? TypedResults.Bytes(value, ContentTypeOf(value))
            : TypedResults.NotFound();
    }

    private static async Task<IResult> SetItemAsync(string key, HttpContext http, CancellationToken cancellationToken)
    {
        var value = await RequestBodyReader.ReadAsync(http.Request, MaxValueBytes, cancellationToken);
        if (value is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        await http.Session.LoadAsync(cancellationToken);
        http.Session.Set(key, value);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> IncrementAsync(string key, long? by, HttpContext http, CancellationToken cancellationToken)
    {
        // Read-modify-write of the whole session: concurrent increments of one session can lose updates here.
        await http.Session.LoadAsync(cancellationToken);
        long current = 0;
        if (http.Session.TryGetValue(key, out var stored)
            && !long.TryParse(stored, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out current))
        {
            return TypedResults.Conflict();
        }

        long next;
        try
        {
            next = checked(current + (by ?? 1));
        }
        catch (OverflowException)
        {
            return TypedResults.Conflict();
        }

        http.Session.Set(key, Encoding.UTF8.GetBytes(next.ToString(CultureInfo.InvariantCulture)));
        return TypedResults.Ok(next);
    }

    // Sessions answers JSON values as application/json; a first-byte check gives the same shape without parsing.
    private static string ContentTypeOf(byte[] value) =>
        value is [(byte)'{' or (byte)'[', ..] ? "application/json" : "text/plain; charset=utf-8";
}
