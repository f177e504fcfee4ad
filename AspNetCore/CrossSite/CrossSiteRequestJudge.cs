using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// Tells a browser's cross-site state-changing request apart, so that it can be refused before it changes anything
/// (defence in depth beside <c>SameSite=Lax</c>, which lets top-level cross-site POSTs of a "lax" window and
/// same-site subdomains through). Safe methods pass. Otherwise the browser's own <c>Sec-Fetch-Site</c> decides; a browser
/// too old to send it is judged by <c>Origin</c>, then by <c>Referer</c>, against the request's origin and
/// <see cref="CrossSiteOptions.TrustedOrigins"/>. A request with none of the three is not a browser's cross-site
/// request (curl, a server calling the API, a native client with the header-borne ID): its own authentication judges it.
/// Refusals are counted (<c>sessions.frontend.cross_site_refused</c>).
/// </summary>
public sealed class CrossSiteRequestJudge(IOptions<CrossSiteOptions> options, IMeterFactory meters)
{
    private readonly HashSet<string> _trusted = new(
        options.Value.TrustedOrigins.Select(origin => origin.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    private readonly Counter<long> _refused = meters.Create(SessionsMeter.Name).CreateCounter<long>(
        "sessions.frontend.cross_site_refused", "{request}", "State-changing requests refused as a browser's cross-site request.");

    /// <summary>Why <paramref name="request"/> is refused as a cross-site request (counted), or null when it may go on.</summary>
    public string? RefusalOf(HttpRequest request)
    {
        var reason = Judge(request);
        if (reason is not null)
        {
            _refused.Add(1);
        }

        return reason;
    }

    private string? Judge(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsTrace(request.Method))
        {
            return null;
        }

        var headers = request.Headers;
        var origin = headers.Origin.ToString();
        var fetchSite = headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return fetchSite is "same-origin" or "none" || (origin.Length > 0 && _trusted.Contains(origin))
                ? null
                : $"The browser marked this request Sec-Fetch-Site: {Printable(fetchSite)}, and its origin is not trusted (CrossSite:TrustedOrigins).";
        }

        var own = $"{request.Scheme}://{request.Host}";
        if (origin.Length > 0)
        {
            return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || _trusted.Contains(origin)
                ? null
                : $"The request's Origin ({Printable(origin)}) is neither this site's nor trusted (CrossSite:TrustedOrigins).";
        }

        var referer = headers.Referer.ToString();
        if (referer.Length > 0)
        {
            var from = OriginOf(referer);
            return from is not null && (string.Equals(from, own, StringComparison.OrdinalIgnoreCase) || _trusted.Contains(from))
                ? null
                : "The request's Referer is neither this site nor a trusted origin (CrossSite:TrustedOrigins).";
        }

        return null;
    }

    /// <summary>The origin (<c>scheme://host[:port]</c>) of an absolute http(s) URL, or null.</summary>
    internal static string? OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.UserInfo.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    // Header values go into a problem detail; keep them short and printable.
    private static string Printable(string value) =>
        value.Length <= 100 && value.All(c => c is >= ' ' and <= '~') ? value : "(unprintable or too long)";
}
