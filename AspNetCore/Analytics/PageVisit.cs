using Microsoft.AspNetCore.Http.Features;

namespace Sessions.AspNetCore;

/// <summary>
/// What a finished request of a page counts as: a page view (a GET answered 200 with HTML) or an interaction (a form
/// posted to a page); nothing for API requests, HEAD, 304, static files or errors.
/// </summary>
internal static class PageVisit
{
    public static SessionVisit? Of(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<PageResponse>() is null)
        {
            return null;
        }

        var response = http.Response;
        var isPageView = HttpMethods.IsGet(http.Request.Method) && response.StatusCode == StatusCodes.Status200OK
            && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
        var isInteraction = HttpMethods.IsPost(http.Request.Method) && response.StatusCode < StatusCodes.Status400BadRequest;
        return isPageView || isInteraction ? new SessionVisit(PathOf(http.Request.Path), isPageView) : null;
    }

    private static string PathOf(PathString path)
    {
        var value = path.HasValue ? path.Value!.ToLowerInvariant() : "/";
        return value.Length <= SessionVisit.MaxPathLength ? value : value[..SessionVisit.MaxPathLength];
    }
}
