using Microsoft.AspNetCore.Http.HttpResults;

namespace Sessions.WebFrontend.Auth;

/// <summary>The RFC 7807 answers of the login, account and admin endpoints.</summary>
internal static class AuthProblems
{
    public static ProblemHttpResult InvalidCredentials() => TypedResults.Problem(
        "The user name or the password is not right.", statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials");

    public static ProblemHttpResult BadLogin(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid login request");

    public static ProblemHttpResult LoginNotJson() => TypedResults.Problem(
        "Send the credentials as Content-Type: application/json; forms and text bodies are refused (a cross-site form can post those).",
        statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Login must be JSON");

    public static ProblemHttpResult NoSuchSession(string handle) => TypedResults.Problem(
        $"You have no live session '{handle}'.", statusCode: StatusCodes.Status404NotFound, title: "No such session");

    /// <summary>End-all stored its generation, but <paramref name="outcome"/>'s silos did not confirm they hold it.</summary>
    public static ProblemHttpResult EndAllUnconfirmed(EndAllOutcome outcome) => TypedResults.Problem(
        $"Generation {outcome.Generation} is stored, but silo(s) {string.Join(", ", outcome.UnconfirmedSilos)} did not confirm it: they may serve "
            + "ended sessions until they read it, and refuse signed-in sessions once Auth:EpochStaleAfter passes. Retry to confirm.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "End-all not confirmed by every silo",
        extensions: new Dictionary<string, object?> { ["generation"] = outcome.Generation, ["silos"] = outcome.UnconfirmedSilos });
}
