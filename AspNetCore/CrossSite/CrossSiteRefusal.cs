using Microsoft.AspNetCore.Http.HttpResults;

namespace Sessions.AspNetCore;

/// <summary>The answer to a refused cross-site request: 403 problem+json with the reason.</summary>
internal static class CrossSiteRefusal
{
    public static ProblemHttpResult Answer(string reason) =>
        TypedResults.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused");
}
