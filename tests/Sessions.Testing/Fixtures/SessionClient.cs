using System.Text;
using Microsoft.Net.Http.Headers;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// An HTTP client that keeps the session cookie the way a browser would: the latest <c>Set-Cookie</c> wins and a
/// cookie set to expire in the past is dropped. The cookie can also be replaced to simulate an attacker.
/// </summary>
public sealed class SessionClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    /// <summary>The cookie as "name=value", or null when there is none.</summary>
    public string? Cookie { get; set; }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<HttpResponseMessage> PostAsync(string path) => SendAsync(HttpMethod.Post, path);

    public Task<HttpResponseMessage> PutTextAsync(string path, string text) =>
        SendAsync(HttpMethod.Put, path, new StringContent(text, Encoding.UTF8, "text/plain"));

    public Task<HttpResponseMessage> PutJsonAsync(string path, string json) =>
        SendAsync(HttpMethod.Put, path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PutBytesAsync(string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return SendAsync(HttpMethod.Put, path, content);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (Cookie is not null)
        {
            request.Headers.Add("Cookie", Cookie);
        }

        var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        foreach (var header in SetCookies(response))
        {
            Cookie = header.Expires is { } expires && expires < DateTimeOffset.UtcNow
                ? null
                : $"{header.Name}={header.Value}";
        }

        return response;
    }

    public static IList<SetCookieHeaderValue> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? SetCookieHeaderValue.ParseList([.. values]) : [];

    public void Dispose() => Http.Dispose();
}
