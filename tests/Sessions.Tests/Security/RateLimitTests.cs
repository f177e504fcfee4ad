using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Sessions.Tests.Security;

/// <summary>
/// Rate limits per client address (new sessions, logins), each answered 429 problem+json with <c>Retry-After</c>; the
/// client address comes from <c>X-Forwarded-For</c> only from known proxies. The login throttle per account: <see cref="LoginThrottleTests"/>.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class RateLimitTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewSessionsPerAddress_BeyondTheLimit_Answer429WithRetryAfter()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: [("RateLimits:SessionCreationsPerMinute", "3"), .. ClientWritableTestKeys.Pairs()]);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var client = frontend.Client();
            var response = await client.PutTextAsync("/api/session/items/cart", "1 book");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                Assert.Empty(SessionClient.SetCookies(response));
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.NoContent, 3), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task LoginsPerAddress_BeyondTheLimit_Answer429_FromKnownProxies_PerForwardedAddress()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1, settings:
            [("RateLimits:LoginsPerMinute", "2"), ("Frontend:KnownProxies:0", "10.0.0.1"), .. ClientWritableTestKeys.Pairs()]);
        var user = frontend.Users[0];

        var direct = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            direct.Add((HttpStatusCode)(await LoginFromAsync(frontend, user, remote: "192.0.2.10", forwardedFor: $"198.51.100.{i}")).StatusCode);
        }

        var viaProxy = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            viaProxy.Add((HttpStatusCode)(await LoginFromAsync(frontend, user, remote: "10.0.0.1", forwardedFor: $"203.0.113.{i}")).StatusCode);
        }

        // An unknown sender's X-Forwarded-For is ignored: its three logins share one address. Through the proxy each
        // forwarded client has its own.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], direct);
        Assert.All(viaProxy, s => Assert.Equal(HttpStatusCode.OK, s));
        var addresses = (await cluster.Grains.GetGrain<IUserSessionsGrain>(user).ListAsync(Ct)).Select(s => s.ClientAddress).ToList();
        Assert.Contains("203.0.113.2", addresses);
        Assert.DoesNotContain("198.51.100.1", addresses);
    }

    private static async Task<HttpResponse> LoginFromAsync(AuthTestFrontend frontend, string user, string remote, string forwardedFor)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { userName = user, password = TestUsers.PasswordOf(user) });
        var context = await frontend.Factory.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            http.Request.Method = "POST";
            http.Request.Path = "/api/auth/login";
            http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(body);
            http.Request.ContentLength = body.Length;
        }, Ct);
        return context.Response;
    }
}
