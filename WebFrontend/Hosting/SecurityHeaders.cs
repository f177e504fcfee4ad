namespace Sessions.WebFrontend.Hosting;

/// <summary>
/// Headers every response carries: no MIME sniffing, no referrer, a content security policy that allows nothing
/// (the API serves data, not documents to render) or, for pages (<see cref="PageResponse"/>), only our own styles,
/// images and form targets (no script at all), and for endpoints that answer with session data
/// (<see cref="SessionDataResponse"/>) <c>Cache-Control: no-store</c>, so no cache keeps one visitor's session.
/// </summary>
/// <remarks>
/// Set when the response starts, because the exception handler clears the headers of a failed request before it
/// writes its problem details; whether the endpoint serves session data is read first, since it clears the endpoint too.
/// </remarks>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public const string PageContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly Func<object, Task> AddHeaders = static response => Add((HttpResponse)response, noStore: false, page: false);
    private static readonly Func<object, Task> AddHeadersAndNoStore = static response => Add((HttpResponse)response, noStore: true, page: false);
    private static readonly Func<object, Task> AddPageHeaders = static response => Add((HttpResponse)response, noStore: true, page: true);

    public Task InvokeAsync(HttpContext http)
    {
        var metadata = http.GetEndpoint()?.Metadata;
        var headers = metadata?.GetMetadata<PageResponse>() is not null ? AddPageHeaders
            : metadata?.GetMetadata<SessionDataResponse>() is not null ? AddHeadersAndNoStore
            : AddHeaders;
        http.Response.OnStarting(headers, http.Response);
        return next(http);
    }

    private static Task Add(HttpResponse response, bool noStore, bool page)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = page ? PageContentSecurityPolicy : ContentSecurityPolicy;
        if (noStore)
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }

        return Task.CompletedTask;
    }
}
