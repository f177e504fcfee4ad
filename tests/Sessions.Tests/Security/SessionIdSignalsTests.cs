using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Tests.Security;

/// <summary>
/// Signals of attacks on session IDs (ASVS 5.0 V16.3.1/V16.3.3, V7.2.2/V7.2.3): forged or tampered cookies, dead IDs and
/// replays of IDs renewed away from are counted and logged (at most once per client network and minute, never with the
/// ID); a dead ID is remembered so that repeats cost no grain call; an optional limit per client network keeps a flood
/// of validly tagged but dead cookies from driving storage reads.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class SessionIdSignalsTests(AuthClusterFixture cluster)
{
    private const string Forged = "sessions.frontend.forged_ids";
    private const string Dead = "sessions.frontend.dead_ids";
    private const int ForgedEvent = 3270;
    private const int DeadEvent = 3271;

    // A miss is remembered once a second miss comes twice Session:IOTimeout (5 s) after the first.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(11);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ForgedTagsAreCounted()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ClientWritableTestKeys.Pairs());
        using var counters = Counters(frontend);
        var valid = await LiveCookieAsync(frontend);
        var (name, value) = Split(valid);
        var tampered = $"{name}={value[..20]}{(value[20] == 'A' ? 'B' : 'A')}{value[21..]}";
        var calls = cluster.Calls.SessionGrainCalls;

        var forged = await SendAsync(frontend, "198.51.100.7", "GET", "/api/session", tampered);
        var absent = await SendAsync(frontend, "198.51.100.7", "GET", "/api/session", cookie: null);
        var live = await SendAsync(frontend, "198.51.100.7", "GET", "/api/session", valid);

        Assert.Equal((StatusCodes.Status404NotFound, StatusCodes.Status404NotFound, StatusCodes.Status200OK), (forged.StatusCode, absent.StatusCode, live.StatusCode));
        Assert.Equal(1, counters.Sum(Forged)); // the tampered one: not the absent one, not the valid one
        Assert.Equal(calls + 1, cluster.Calls.SessionGrainCalls); // only the valid cookie reached the cluster
        Assert.Empty(counters.TagKeys(Forged));
        var line = Assert.Single(frontend.Factory.Logs.Entries, e => e.EventId == ForgedEvent);
        Assert.Equal("198.51.100.7/32", line.Values["Source"]);
        Assert.DoesNotContain(frontend.Factory.Logs.Entries, e => e.Message.Contains(value[..20], StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeadIdsAreCountedAndRepeatsCostNoGrainCall()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ClientWritableTestKeys.Pairs());
        using var counters = Counters(frontend);
        var dead = await LiveCookieAsync(frontend);
        using (var owner = frontend.WithCookie(dead))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync("/api/session")).StatusCode);
        }

        var loads = cluster.Calls.CallsTo(nameof(ISessionGrain.LoadLeasedAsync));
        var calls = cluster.Calls.SessionGrainCalls;
        Assert.Equal(StatusCodes.Status404NotFound, (await SendAsync(frontend, "192.0.2.1", "GET", "/api/session", dead)).StatusCode);
        cluster.Time.Advance(Settle);
        Assert.Equal(StatusCodes.Status404NotFound, (await SendAsync(frontend, "192.0.2.1", "GET", "/api/session", dead)).StatusCode);
        Assert.Equal((loads + 2, calls + 2), (cluster.Calls.CallsTo(nameof(ISessionGrain.LoadLeasedAsync)), cluster.Calls.SessionGrainCalls));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(StatusCodes.Status404NotFound, (await SendAsync(frontend, "192.0.2.1", "GET", "/api/session", dead)).StatusCode);
        }

        Assert.Equal(StatusCodes.Status404NotFound, (await SendAsync(frontend, "192.0.2.1", "GET", "/api/session/items/cart", dead)).StatusCode);
        Assert.Equal(calls + 2, cluster.Calls.SessionGrainCalls); // remembered: no grain call
        Assert.Equal((2, 4), (counters.Sum(Dead, new("remembered", false)), counters.Sum(Dead, new("remembered", true))));

        // The dead cookie never blocks a new session: a write gets a fresh ID that works at once.
        using var browser = frontend.WithCookie(dead);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PutTextAsync("/api/session/items/cart", "1 book")).StatusCode);
        Assert.NotEqual(dead, browser.Cookie);
        Assert.Equal("1 book", await (await browser.GetAsync("/api/session/items/cart")).Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task DeadIdsOnTheOneValueReadAreCountedAndRemembered()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ClientWritableTestKeys.Pairs());
        using var counters = Counters(frontend);
        var dead = await DeadCookieAsync(frontend);
        var calls = cluster.Calls.SessionGrainCalls;

        Assert.Equal(StatusCodes.Status404NotFound, (await SendAsync(frontend, "192.0.2.2", "GET", "/api/session/items/cart", dead)).StatusCode);
        cluster.Time.Advance(Settle);
        Assert.Equal(StatusCodes.Status404NotFound, (await SendAsync(frontend, "192.0.2.2", "GET", "/api/session/items/cart", dead)).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(StatusCodes.Status404NotFound, (await SendAsync(frontend, "192.0.2.2", "GET", "/api/session/items/cart", dead)).StatusCode);
        }

        Assert.Equal(calls + 2, cluster.Calls.SessionGrainCalls);
        Assert.Equal((2, 3), (counters.Sum(Dead, new("remembered", false)), counters.Sum(Dead, new("remembered", true))));
        var live = await LiveCookieAsync(frontend);
        Assert.Equal(StatusCodes.Status404NotFound, (await SendAsync(frontend, "192.0.2.2", "GET", "/api/session/items/absent", live)).StatusCode);
        Assert.Equal(5, counters.Sum(Dead)); // a missing item of a live session is no dead ID
    }

    [Fact]
    public async Task ReplaysAreCounted()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, settings: ClientWritableTestKeys.Pairs());
        using var counters = Counters(frontend);
        using var silos = new CounterRecorder(cluster.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IMeterFactory>()), "sessions.replays");
        using var browser = await frontend.SignedInAsync(frontend.Users[0]);
        var beforeRenewal = browser.Cookie!;
        cluster.Time.Advance(new AuthOptions().RenewalInterval + TimeSpan.FromSeconds(1));
        await AuthTestFrontend.MeAsync(browser); // renewed: the old ID is followed within the grace
        cluster.Time.Advance(new AuthOptions().RenewalGrace + TimeSpan.FromSeconds(1));

        Assert.Equal(StatusCodes.Status401Unauthorized, (await SendAsync(frontend, "203.0.113.50", "GET", "/api/me", beforeRenewal)).StatusCode);

        Assert.Equal(1, silos.Sum("sessions.replays"));
        Assert.Empty(silos.TagKeys("sessions.replays"));
        Assert.Equal(StatusCodes.Status401Unauthorized, (await SendAsync(frontend, "203.0.113.50", "GET", "/api/me", beforeRenewal)).StatusCode);
        Assert.Equal(1, silos.Sum("sessions.replays")); // the replay ended the trace: once more is a dead ID, not a replay
        Assert.Equal(2, counters.Sum(Dead));
    }

    [Fact]
    public async Task AttackLogLinesAreBoundedPerSource()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ClientWritableTestKeys.Pairs());
        using var counters = Counters(frontend);
        var (name, _) = Split(await LiveCookieAsync(frontend));
        var forged = $"{name}={new string('A', 66)}";
        var logs = frontend.Factory.Logs;

        for (var i = 0; i < 20; i++)
        {
            await SendAsync(frontend, "198.51.100.20", "GET", "/api/session", forged);
            await SendAsync(frontend, $"2001:db8:5:6::{i + 1:x}", "GET", "/api/session", forged); // one /64
        }

        var dead = await DeadCookieAsync(frontend);
        for (var i = 0; i < 5; i++)
        {
            await SendAsync(frontend, "198.51.100.20", "GET", "/api/session", dead);
        }

        Assert.Equal(40, counters.Sum(Forged));
        Assert.Equal(5, counters.Sum(Dead));
        Assert.Equal(["198.51.100.20/32", "2001:db8:5:6::/64"], logs.Values(ForgedEvent).Select(v => (string)v["Source"]!).Order());
        Assert.Equal(["198.51.100.20/32"], logs.Values(DeadEvent).Select(v => (string)v["Source"]!));

        cluster.Time.Advance(TimeSpan.FromSeconds(61));
        await SendAsync(frontend, "198.51.100.20", "GET", "/api/session", forged);

        var lines = logs.Values(ForgedEvent).Where(v => (string)v["Source"]! == "198.51.100.20/32").ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(19, lines[1]["Unlogged"]); // the next minute's line says how many went unlogged
    }

    [Fact]
    public async Task ReadLimitPerAddressIsOffByDefault()
    {
        Assert.Equal(0, new SessionIdSignalsOptions().DeadIdsPerMinutePerAddress);
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: ClientWritableTestKeys.Pairs());
        var calls = cluster.Calls.SessionGrainCalls;

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(StatusCodes.Status404NotFound, (await SendAsync(frontend, "192.0.2.30", "GET", "/api/session", await DeadCookieAsync(frontend))).StatusCode);
        }

        Assert.Equal(calls + 30, cluster.Calls.SessionGrainCalls);
    }

    [Fact]
    public async Task ReadLimitPerAddressRefusesAFloodOfDeadCookies()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 0, settings: [("SessionIdSignals:DeadIdsPerMinutePerAddress", "3"), .. ClientWritableTestKeys.Pairs()]);
        var live = await LiveCookieAsync(frontend);
        var calls = cluster.Calls.SessionGrainCalls;

        var statuses = new List<int>();
        HttpResponse? refused = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await SendAsync(frontend, "2001:db8:9:9::1", "GET", "/api/session", await DeadCookieAsync(frontend));
            statuses.Add(response.StatusCode);
            refused = response.StatusCode == StatusCodes.Status429TooManyRequests ? response : refused;
        }

        Assert.Equal([404, 404, 404, 429, 429, 429], statuses);
        Assert.Equal(calls + 3, cluster.Calls.SessionGrainCalls); // the refused ones called no grain
        Assert.Equal("application/problem+json", refused!.ContentType?.Split(';')[0]);
        Assert.InRange(int.Parse(refused.Headers.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        // The same /64 is one network; another network is not affected.
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await SendAsync(frontend, "2001:db8:9:9::2", "GET", "/api/session", live)).StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await SendAsync(frontend, "2001:db8:9:a::1", "GET", "/api/session", live)).StatusCode);

        cluster.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(StatusCodes.Status200OK, (await SendAsync(frontend, "2001:db8:9:9::2", "GET", "/api/session", live)).StatusCode);
    }

    private static CounterRecorder Counters(AuthTestFrontend frontend) =>
        new([frontend.Factory.Services.GetRequiredService<IMeterFactory>()], Forged, Dead);

    /// <summary>The cookie ("name=value") of a new live session.</summary>
    private static async Task<string> LiveCookieAsync(AuthTestFrontend frontend)
    {
        using var client = frontend.Client();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/cart", "2 books")).StatusCode);
        return client.Cookie!;
    }

    /// <summary>A validly tagged cookie ("name=value") of an ID no session was ever stored under.</summary>
    private static Task<string> DeadCookieAsync(AuthTestFrontend frontend)
    {
        var http = new DefaultHttpContext();
        frontend.Factory.Services.GetRequiredService<SessionCookie>().Issue(http.Response, SessionCookie.NewId());
        return Task.FromResult(http.Response.Headers.SetCookie.ToString().Split(';')[0]);
    }

    private static (string Name, string Value) Split(string cookie) => (cookie[..cookie.IndexOf('=')], cookie[(cookie.IndexOf('=') + 1)..]);

    private static async Task<HttpResponse> SendAsync(AuthTestFrontend frontend, string remote, string method, string path, string? cookie)
    {
        var context = await frontend.Factory.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            http.Request.Method = method;
            http.Request.Path = path;
            if (cookie is not null)
            {
                http.Request.Headers.Cookie = cookie;
            }
        }, Ct);
        Assert.NotEqual(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        return context.Response;
    }
}
