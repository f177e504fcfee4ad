using System.Net.Http.Headers;
using Sessions.AspNetCore;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// A frontend in another language calling the server-to-server API (<c>/api/server/session</c>): it presents a bearer
/// token and forwards its browser's session cookie value in <c>X-Session-Cookie</c>, and keeps the value a response
/// returns there.
/// </summary>
public sealed class ServerApiClient(HttpClient http, string? token = ServerApiClient.Token0)
{
    public const string Token0 = "server-api-test-token-0-9f8e7d6c5b4a39281706";
    public const string Token1 = "server-api-test-token-1-0a1b2c3d4e5f60718293";

    /// <summary>Frontend settings that configure both tokens, so the demo maps the server API.</summary>
    public static (string Key, string Value)[] Settings => [("SessionServerApi:Tokens:0", Token0), ("SessionServerApi:Tokens:1", Token1)];

    /// <summary>The browser's session cookie value this frontend forwards; updated from each response's header.</summary>
    public string? SessionValue { get; set; }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HttpResponseMessage> PutJsonAsync(string path, string json) =>
        SendAsync(HttpMethod.Put, path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, "/api/server/session" + path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (SessionValue is not null)
        {
            request.Headers.Add(SessionServerEndpoints.SessionHeaderName, SessionValue);
        }

        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        if (response.Headers.TryGetValues(SessionServerEndpoints.SessionHeaderName, out var values))
        {
            var value = values.Single();
            SessionValue = value.Length == 0 ? null : value;
        }

        return response;
    }
}
