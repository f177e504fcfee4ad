using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Sessions.Tests.Security;

/// <summary>
/// Fuzzed cookies, headers, bodies and encodings against every endpoint: whatever a client sends is answered below
/// 500 (the client's fault is a 4xx; nothing it sends makes the server fail). Seeded, so a failure reproduces.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class FuzzTests(AuthClusterFixture cluster)
{
    private static readonly (HttpMethod Method, string Path)[] Endpoints =
    [
        (HttpMethod.Get, "/api/session"), (HttpMethod.Delete, "/api/session"),
        (HttpMethod.Get, "/api/session/items/{key}"), (HttpMethod.Put, "/api/session/items/{key}"),
        (HttpMethod.Delete, "/api/session/items/{key}"), (HttpMethod.Post, "/api/session/items/{key}/increment?by={by}"),
        (HttpMethod.Post, "/api/auth/login"), (HttpMethod.Post, "/api/auth/logout"), (HttpMethod.Get, "/api/me"),
        (HttpMethod.Get, "/api/me/sessions"), (HttpMethod.Delete, "/api/me/sessions/{key}"),
        (HttpMethod.Delete, "/api/me/sessions?keepCurrent={by}"), (HttpMethod.Delete, "/api/admin/sessions"),
        (HttpMethod.Delete, "/api/admin/users/{key}/sessions"), (HttpMethod.Get, "/readyz"),
        (HttpMethod.Get, "/api/server/session"), (HttpMethod.Get, "/api/server/session/items/{key}"),
        (HttpMethod.Put, "/api/server/session/items/{key}"), (HttpMethod.Post, "/api/server/session/items/{key}/increment?by={by}"),
    ];

    private const string Specials = "%;=,\"\\\r\n\0";

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-16", "text/plain; charset=latin1", "application/octet-stream",
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=\"", "*/*",
    ];

    [Fact]
    public async Task FuzzedRequests_AreAnsweredBelow500()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1, admins: 1, settings: [.. ClientWritableTestKeys.Pairs(), .. ServerApiClient.Settings]);
        using var signedIn = await frontend.SignedInAsync(frontend.Users[0]);
        var validCookie = signedIn.Cookie!;
        var random = new Random(20261201);
        var failures = new List<string>();

        for (var i = 0; i < 600; i++)
        {
            var (method, template) = Endpoints[random.Next(Endpoints.Length)];
            // No NUL in the path: the test client refuses to send one (Kestrel answers 400 to it).
            var path = template.Replace("{key}", PathPart(random, 1 + random.Next(200)), StringComparison.Ordinal)
                .Replace("{by}", PathPart(random, random.Next(30)), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(method, path);
            request.Headers.TryAddWithoutValidation("Cookie", Cookie(random, validCookie));
            if (path.StartsWith("/api/server/", StringComparison.Ordinal))
            {
                request.Headers.TryAddWithoutValidation("Authorization", random.Next(3) switch
                {
                    0 => "Bearer " + ServerApiClient.Token1,
                    1 => "Bearer " + Garbage(random, random.Next(0, 200)),
                    _ => Garbage(random, random.Next(0, 100)),
                });
                request.Headers.TryAddWithoutValidation(SessionServerEndpoints.SessionHeaderName, Cookie(random, validCookie).Replace("sid=", string.Empty, StringComparison.Ordinal));
            }

            if (random.Next(3) == 0)
            {
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", Garbage(random, random.Next(60)));
                request.Headers.TryAddWithoutValidation("User-Agent", Garbage(random, random.Next(2000)));
                request.Headers.TryAddWithoutValidation("Accept", Garbage(random, random.Next(40)));
            }

            if (method != HttpMethod.Get)
            {
                request.Content = new ByteArrayContent(Body(random));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentTypes[random.Next(ContentTypes.Length)]);
                if (random.Next(4) == 0)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Encoding", random.Next(2) == 0 ? "gzip" : "br, x-unknown");
                }
            }

            var response = await signedIn.Http.SendAsync(request, TestContext.Current.CancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"#{i} {method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

    private static string Cookie(Random random, string valid) => random.Next(6) switch
    {
        0 => valid,
        1 => valid[..^3] + Garbage(random, 3),
        2 => "sid=" + Convert.ToBase64String(RandomBytes(random, random.Next(1, 600))),
        3 => "sid=" + Garbage(random, random.Next(0, 5000)),
        4 => $"{valid}; sid={Garbage(random, 40)}; __Host-sid=x",
        _ => string.Empty,
    };

    private static byte[] Body(Random random) => random.Next(8) switch
    {
        0 => Encoding.UTF8.GetBytes(new string('[', 70) + new string(']', 70)),
        1 => Encoding.UTF8.GetBytes("""{"userName":"\ud800","password":"\udfff"}"""),
        2 => [0x22, 0xC3, 0x28, 0x22], // a JSON string holding invalid UTF-8
        3 => RandomBytes(random, random.Next(0, 70_000)),
        4 => Encoding.UTF8.GetBytes("""{"userName":null,"password":12}"""),
        5 => Encoding.Unicode.GetBytes("""{"userName":"admin","password":"x"}"""),
        6 => Encoding.UTF8.GetBytes("\"" + new string('a', 66_000) + "\""),
        _ => Encoding.UTF8.GetBytes(Garbage(random, random.Next(0, 300))),
    };

    private static string PathPart(Random random, int length) => Uri.EscapeDataString(Garbage(random, length).Replace('\0', '0'));

    private static string Garbage(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(5) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0xD800, 0xE000), // lone surrogates
                2 => Specials[random.Next(Specials.Length)],
                _ => (char)random.Next(0x20, 0x3000),
            };
        }

        return new string(chars);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
