using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// A browser-like client of the demo pages: it keeps every cookie (session and antiforgery), does not follow redirects,
/// and posts forms with the antiforgery token of the page it last loaded.
/// </summary>
public sealed partial class PageBrowser(HttpClient http, CookieContainer? cookies = null) : IDisposable
{
    private const string SessionCookieName = "sid";
    private string? _token;

    public HttpClient Http { get; } = http;

    /// <summary>The value of the session cookie this browser holds (what a server-side frontend forwards), or null.</summary>
    public string? SessionCookieValue => cookies?.GetCookies(Http.BaseAddress!)[SessionCookieName]?.Value;

    public static PageBrowser Open(FrontendFactory factory)
    {
        var cookies = new CookieContainer();
        return new(factory.CreateDefaultClient(new CookieContainerHandler(cookies)), cookies);
    }

    /// <summary>Holds <paramref name="value"/> as its session cookie from now on, as a server-side frontend would set it.</summary>
    public void UseSessionCookie(string value) =>
        (cookies ?? throw new InvalidOperationException("Open the browser with PageBrowser.Open.")).Add(
            Http.BaseAddress!, new Cookie(SessionCookieName, value, "/"));

    /// <summary>GETs a page (200 expected) and keeps its antiforgery token; returns the HTML.</summary>
    public async Task<string> GetPageAsync(string path)
    {
        var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        _token = Token().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : _token;
        return html;
    }

    /// <summary>Posts a form of the last page loaded (with its antiforgery token unless <paramref name="withToken"/> is false).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>>? fields = null, bool withToken = true)
    {
        var values = (fields ?? []).ToList();
        if (withToken && _token is not null)
        {
            values.Add(new("__RequestVerificationToken", _token));
        }

        return Http.PostAsync(path, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
