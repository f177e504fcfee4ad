using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Sessions.Tests.RequestLifetime;

/// <summary>
/// The demo frontend on real Kestrel under the traffic a pooling reverse proxy sends: many signed-in users whose IDs
/// are due for renewal, their requests spread over a few keep-alive connections that each carry many users' requests
/// in turn, to paths that use the session and paths that do not. Every session cookie a response sets must belong to
/// the user of the request it answers, and no session load may outlive its request (each load yields first, so a load
/// that nobody awaits is still running when a request that never used its session ends).
/// </summary>
[Collection(RequestLifetimeCollection.Name)]
public sealed class ProxyTrafficStressTests(AuthClusterFixture cluster)
{
    private const int Users = 24;
    private const int Connections = 8;
    private const int Rounds = 4;
    private const string CookieName = "sid";
    private static readonly TimeSpan RenewalDue = new AuthOptions().RenewalInterval + TimeSpan.FromSeconds(1);

    // Each user sends these in turn every round: session reads (renewal due), a page, a write, and requests that never
    // use the session (an unknown path, a method the API does not have, health, a static file).
    private static readonly (HttpMethod Method, string Path)[] Mix =
    [
        (HttpMethod.Get, "/healthz"),
        (HttpMethod.Get, "/no-such-page"),
        (new HttpMethod("PROPFIND"), "/api/session"),
        (HttpMethod.Get, "/api/me"),
        (HttpMethod.Get, "/site.css"),
        (HttpMethod.Get, "/shop"),
        (HttpMethod.Post, "/api/session/items/visits/increment"),
        (HttpMethod.Get, "/readyz"),
        (HttpMethod.Get, "/api/session"),
        (HttpMethod.Get, "/api/session/items/visits"),
    ];

    [Fact]
    public async Task RenewingUsers_OverSharedKeepAliveConnections_GetOnlyTheirOwnCookies_AndNoServerError()
    {
        var names = Enumerable.Range(0, Users).Select(i => $"p{i}-{Guid.NewGuid():N}"[..12]).ToArray();
        var tracker = new RequestWorkTracker();
        await using var demo = new FrontendFactory(cluster, TestUsers.Settings(names.Select(name => (name, "user")), ClientWritableTestKeys.Pairs()));
        await using var frontend = demo.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
        {
            services.AddSingleton(InterceptedGrainFactory.Create(cluster.Grains, new SessionCallGate { Tracker = tracker }));
            services.AddSingleton<IStartupFilter>(tracker);
        }));
        frontend.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        frontend.StartServer();
        var address = frontend.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var proxy = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections, UseCookies = false })
        {
            BaseAddress = new Uri(address),
        };
        var traffic = new Traffic(proxy);
        var cookies = await Task.WhenAll(names.Select(traffic.SignInAsync));

        for (var round = 0; round < Rounds; round++)
        {
            cluster.Time.Advance(RenewalDue);
            await Task.WhenAll(names.Select(async (name, user) =>
            {
                foreach (var (method, path) in Mix)
                {
                    cookies[user] = await traffic.SendAsync(name, cookies[user], method, path);
                }
            }));
        }

        Assert.Equal(Users * Rounds * Mix.Length, traffic.Requests);
        Assert.Empty(traffic.Failures);
        Assert.Empty(tracker.Outlived);
        Assert.True(traffic.Renewals >= Users * Rounds, $"every user renewed once a round: {traffic.Renewals} renewals");
        Assert.Empty(demo.Logs.Errors());
    }

    /// <summary>Sends a user's requests with their cookie and checks every session cookie a response sets.</summary>
    private sealed class Traffic(HttpClient proxy)
    {
        private int _requests;
        private int _renewals;

        public ConcurrentQueue<string> Failures { get; } = new();

        public int Requests => _requests;

        public int Renewals => _renewals;

        public async Task<string> SignInAsync(string name)
        {
            using var response = await proxy.PostAsJsonAsync(
                "/api/auth/login", new { userName = name, password = TestUsers.PasswordOf(name) }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return SessionCookieOf(response) ?? throw new InvalidOperationException("A login set no session cookie.");
        }

        /// <summary>Sends one request; returns the user's cookie afterwards (a renewal's, once checked).</summary>
        public async Task<string> SendAsync(string name, string cookie, HttpMethod method, string path)
        {
            Interlocked.Increment(ref _requests);
            using var response = await SendWithCookieAsync(cookie, method, path);
            if ((int)response.StatusCode >= 500)
            {
                Failures.Enqueue($"{name}: {method} {path} answered {(int)response.StatusCode}");
            }

            if (path == "/api/me")
            {
                await ExpectUserAsync(response, name, $"{method} {path}");
            }

            if (SessionCookieOf(response) is not { } renewed)
            {
                return cookie;
            }

            Interlocked.Increment(ref _renewals);
            using var check = await SendWithCookieAsync(renewed, HttpMethod.Get, "/api/me");
            await ExpectUserAsync(check, name, $"the cookie set by {method} {path}");
            return renewed;
        }

        private static string? SessionCookieOf(HttpResponseMessage response) =>
            response.Headers.TryGetValues("Set-Cookie", out var values)
                ? SetCookieHeaderValue.ParseList([.. values]).Where(c => c.Name == CookieName).Select(c => $"{c.Name}={c.Value}").LastOrDefault()
                : null;

        private async Task<HttpResponseMessage> SendWithCookieAsync(string cookie, HttpMethod method, string path)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Add("Cookie", cookie);
            return await proxy.SendAsync(request, TestContext.Current.CancellationToken);
        }

        private async Task ExpectUserAsync(HttpResponseMessage response, string name, string what)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Failures.Enqueue($"{name}: {what}: /api/me answered {(int)response.StatusCode}");
                return;
            }

            var me = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            if (me.GetProperty("userId").GetString() != name)
            {
                Failures.Enqueue($"{name}: {what} is the session of {me.GetProperty("userId").GetString()}");
            }
        }
    }
}
