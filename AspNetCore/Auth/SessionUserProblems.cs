using Microsoft.AspNetCore.Http.HttpResults;

namespace Sessions.AspNetCore;

/// <summary>The RFC 9457 answers for a request that needs a signed-in session.</summary>
public static class SessionUserProblems
{
    /// <summary>401: the session is not signed in.</summary>
    public static ProblemHttpResult NotSignedIn() => TypedResults.Problem(
        "Sign in first.", statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");

    /// <summary>401: the action needs a sign-in within <paramref name="window"/>, and the session's is <paramref name="age"/> old.</summary>
    public static ProblemHttpResult StaleAuthentication(TimeSpan window, TimeSpan age) => TypedResults.Problem(
        $"Sign in again: this action needs a sign-in within the last {window.TotalMinutes:0.#} minutes, and this session's is {age.TotalMinutes:0} minutes old.",
        statusCode: StatusCodes.Status401Unauthorized, title: "Fresh authentication required",
        extensions: new Dictionary<string, object?> { ["reason"] = "stale_authentication" });

    /// <summary>401: the action needs a sign-in by one of <paramref name="methods"/>, and the session's was by another.</summary>
    public static ProblemHttpResult OtherAuthenticationMethod(IEnumerable<string> methods) => TypedResults.Problem(
        $"Sign in again with one of: {string.Join(", ", methods.Order(StringComparer.Ordinal))}.",
        statusCode: StatusCodes.Status401Unauthorized, title: "Fresh authentication required",
        extensions: new Dictionary<string, object?> { ["reason"] = "authentication_method" });

    /// <summary>403: the signed-in user lacks <paramref name="role"/>.</summary>
    public static ProblemHttpResult Forbidden(string role) => TypedResults.Problem(
        $"This needs the role '{role}'.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
