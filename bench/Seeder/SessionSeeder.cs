using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Sessions.Bench.Seeder;

/// <summary>
/// Creates sessions through the item API: the first PUT (the cart) has no cookie and must set one; the second PUT
/// (<c>n</c> = 0, the counter of the write workload) sends it back. Transient failures (503, connection errors) are
/// retried a few times; anything else stops the run.
/// </summary>
public sealed class SessionSeeder(HttpClient http, SeederOptions options, SeedProgress progress)
{
    private const int Attempts = 5;
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue Text = new("text/plain") { CharSet = "utf-8" };
    private static readonly byte[] Zero = "0"u8.ToArray();

    private readonly Uri _cart = new(options.BaseUrl, "/api/session/items/cart");
    private readonly Uri _counter = new(options.BaseUrl, "/api/session/items/n");

    /// <summary>
    /// Seeds until done or until <paramref name="budget"/> is cancelled; then the sessions completed so far are the
    /// result (a few more may have been created whose second PUT was cut off).
    /// </summary>
    public async Task<SeedResult> SeedAsync(CancellationToken budget)
    {
        var sessions = new SeededSession?[options.Sessions];
        var partial = false;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = budget };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Sessions), parallel, async (i, token) =>
            {
                var index = options.FirstIndex + i;
                sessions[i] = new SeededSession(index, await SeedOneAsync(index, token));
                progress.Completed();
            });
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            partial = true;
        }

        return new SeedResult(sessions.OfType<SeededSession>().ToList(), partial);
    }

    /// <summary>Reads the cart of a few seeded sessions back and checks it is the one that was written.</summary>
    public async Task VerifyAsync(IReadOnlyList<SeededSession> sessions, CancellationToken cancellationToken)
    {
        foreach (var position in new[] { 0, sessions.Count / 2, sessions.Count - 1 }.Distinct())
        {
            var session = sessions[position];
            using var response = await SendAsync(() => Request(HttpMethod.Get, _cart, null, null, session.Cookie), cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!body.AsSpan().SequenceEqual(CartDocument.Create(session.Index, options.CartBytes)))
            {
                throw new SeedException($"session {session.Index}: GET cart returned a different value ({body.Length} bytes)");
            }
        }
    }

    private async Task<string> SeedOneAsync(int index, CancellationToken cancellationToken)
    {
        var cart = CartDocument.Create(index, options.CartBytes);
        string cookie;
        using (var first = await SendAsync(() => Request(HttpMethod.Put, _cart, cart, Json, null), cancellationToken))
        {
            cookie = SetCookieHeader.FirstNameValue(first)
                ?? throw new SeedException($"session {index}: the first PUT answered {(int)first.StatusCode} without Set-Cookie");
        }

        using var second = await SendAsync(() => Request(HttpMethod.Put, _counter, Zero, Text, cookie), cancellationToken);
        return cookie;
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, byte[]? body, MediaTypeHeaderValue? type, string? cookie)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = type;
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = create();
            HttpResponseMessage? response = null;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == Attempts)
                {
                    var body = await response.Content.ReadAsStringAsync(cancellationToken);
                    response.Dispose();
                    throw new SeedException($"{request.Method} {request.RequestUri!.AbsolutePath}: {(int)response.StatusCode} {Shorten(body)}");
                }

                progress.Retried("503");
            }
            catch (HttpRequestException exception) when (attempt < Attempts)
            {
                progress.Retried(exception.Message);
            }

            response?.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
