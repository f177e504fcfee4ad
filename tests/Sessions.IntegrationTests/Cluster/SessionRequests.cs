using System.Net;
using System.Text;

namespace Sessions.Tests.Cluster;

/// <summary>
/// The REST calls the multi-process tests make, over one shared <see cref="HttpClient"/> with no cookie container:
/// each call carries the cookie of its own session.
/// </summary>
internal static class SessionRequests
{
    public const string ItemPath = "/api/session/items/name"; // a key the demo declares client-writable

    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        UseCookies = false,
        MaxConnectionsPerServer = 64,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Creates a session holding <paramref name="value"/> through <paramref name="frontend"/>.</summary>
    public static async Task<WrittenSession> CreateAsync(HttpClient http, Uri frontend, string value, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsync(new Uri(frontend, ItemPath),
            new StringContent(value, Encoding.UTF8, "text/plain"), cancellationToken);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new HttpRequestException($"PUT {ItemPath} on {frontend} answered {(int)response.StatusCode}: " +
                await response.Content.ReadAsStringAsync(cancellationToken));
        }

        var cookie = SessionClient.SetCookies(response).Single();
        return new WrittenSession($"{cookie.Name}={cookie.Value}", value);
    }

    /// <summary>Writes <paramref name="value"/> into <paramref name="session"/> through <paramref name="frontend"/>; the session as acknowledged.</summary>
    public static async Task<WrittenSession> WriteAsync(
        HttpClient http, Uri frontend, WrittenSession session, string value, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(frontend, ItemPath))
        {
            Content = new StringContent(value, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Cookie", session.Cookie);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new HttpRequestException($"PUT {ItemPath} on {frontend} answered {(int)response.StatusCode}: " +
                await response.Content.ReadAsStringAsync(cancellationToken));
        }

        return session with { Value = value };
    }

    /// <summary>Reads the session's value through <paramref name="frontend"/>: the status code and the body.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> ReadAsync(
        HttpClient http, Uri frontend, WrittenSession session, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(frontend, ItemPath));
        request.Headers.Add("Cookie", session.Cookie);
        using var response = await http.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>
    /// Null when the session reads back its acknowledged value through <paramref name="frontend"/>, else what went
    /// wrong (a status, a wrong value, a failed or unanswered request).
    /// </summary>
    public static async Task<string?> CheckAsync(HttpClient http, Uri frontend, WrittenSession session, CancellationToken cancellationToken)
    {
        try
        {
            var (status, body) = await ReadAsync(http, frontend, session, cancellationToken);
            return status == HttpStatusCode.OK && body == session.Value
                ? null
                : $"{(int)status} '{(body.Length > 300 ? body[..300] : body)}' (expected '{session.Value}')";
        }
        catch (HttpRequestException exception)
        {
            return $"request failed: {exception.Message}";
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return "no answer in time";
        }
    }

    public static async Task<HttpStatusCode> ReadyAsync(HttpClient http, Uri frontend, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(frontend, "/readyz"), cancellationToken);
        return response.StatusCode;
    }
}
