using Microsoft.AspNetCore.Http.HttpResults;

namespace Sessions.AspNetCore;

/// <summary>The RFC 7807 answers of the REST API.</summary>
internal static class Problems
{
    public static ProblemHttpResult NoSession() =>
        TypedResults.Problem("The request carries no live session.", statusCode: StatusCodes.Status404NotFound, title: "No session");

    public static ProblemHttpResult NoItem(string key) =>
        TypedResults.Problem(
        $"The session has no item '{key}', or the request carries no live session.", statusCode: StatusCodes.Status404NotFound, title: "No such item");

    public static ProblemHttpResult NotClientWritable(string key) => TypedResults.Problem(
        $"The key '{key}' is not client-writable: this API reads and writes only the keys the app declared (SessionApi:ClientWritableKeys, SessionApi:ClientWritablePrefixes).",
        statusCode: StatusCodes.Status403Forbidden, title: "Key not client-writable");

    public static ProblemHttpResult MissingToken() => TypedResults.Problem(
        "The server-to-server session API needs 'Authorization: Bearer <token>' with a token of SessionServerApi:Tokens.",
        statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static ProblemHttpResult BadKey(int maxLength) => TypedResults.Problem(
        $"Keys are 1 to {maxLength} characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'.",
        statusCode: StatusCodes.Status400BadRequest, title: "Invalid key");

    public static ProblemHttpResult BadValue(bool json) => TypedResults.Problem(
        json ? "The body is declared as application/json but is not well-formed JSON." : "The body is not valid UTF-8 text.",
        statusCode: StatusCodes.Status400BadRequest, title: "Invalid value");

    public static ProblemHttpResult BadIncrement(string by) => TypedResults.Problem(
        $"'by' must be a 64-bit integer, not '{by}'.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid increment");

    public static ProblemHttpResult ValueTooLarge(int limit) => TypedResults.Problem(
        $"Values are limited to {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Value too large");
}
