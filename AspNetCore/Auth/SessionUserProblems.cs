using Microsoft.AspNetCore.Http.HttpResults;

namespace Sessions.AspNetCore;

/// <summary>The RFC 9457 answers for a request that needs a signed-in session.</summary>
public static class SessionUserProblems
{
    /// <summary>401: the session is not signed in.</summary>
    public static ProblemHttpResult NotSignedIn() => TypedResults.Problem(
        "Sign in first.", statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");

    /// <summary>403: the signed-in user lacks <paramref name="role"/>.</summary>
    public static ProblemHttpResult Forbidden(string role) => TypedResults.Problem(
        $"This needs the role '{role}'.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
