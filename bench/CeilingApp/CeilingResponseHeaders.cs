using Sessions.AspNetCore;

namespace Sessions.Bench.CeilingApp;

/// <summary>
/// The headers the WebFrontend's security-header middleware gives an API response that carries session data
/// (nosniff, no referrer, a content security policy that allows nothing, no-store), set when the response starts, as
/// there: the ceiling's responses are as long as the WebFrontend's.
/// </summary>
public sealed class CeilingResponseHeaders(RequestDelegate next)
{
    private static readonly Func<object, Task> AddHeaders = static state => Add((HttpResponse)state, noStore: false);
    private static readonly Func<object, Task> AddHeadersAndNoStore = static state => Add((HttpResponse)state, noStore: true);

    public Task InvokeAsync(HttpContext http)
    {
        var noStore = http.GetEndpoint()?.Metadata.GetMetadata<SessionDataResponse>() is not null;
        http.Response.OnStarting(noStore ? AddHeadersAndNoStore : AddHeaders, http.Response);
        return next(http);
    }

    private static Task Add(HttpResponse response, bool noStore)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        if (noStore)
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }

        return Task.CompletedTask;
    }
}
