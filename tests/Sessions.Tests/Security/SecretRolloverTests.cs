using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Sessions.AspNetCore;
using Sessions.Tests.WebFrontend;

namespace Sessions.Tests.Security;

/// <summary>
/// Secret rollover without ending sessions, end to end across frontends of one cluster: frontend A issues cookies under
/// S1; then frontends B and C run with <c>SessionGrainKey:Secret</c>=S2 and <c>PreviousSecrets</c>=[S1]. A session
/// under S1 moves to S2 on its next request (an ID rotation with the renewal's grace and replay rules) and any frontend
/// reads it after; once S1 is removed a cookie under it reads as absent without reaching the cluster.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class SecretRolloverTests(AuthClusterFixture cluster)
{
    private static readonly TimeSpan RenewalGrace = new AuthOptions().RenewalGrace;

    private readonly byte[] _s1 = RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes);
    private readonly byte[] _s2 = RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes);
    private readonly string _user = $"r-{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task SessionCreatedBeforeSecretRolloverSurvivesAndIsReadableThroughSecondFrontend()
    {
        await using var a = Frontend(_s1);
        using var browser = a.CreateSessionClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync(_user)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PutTextAsync("/api/session/items/cart", "2 books")).StatusCode);
        var underS1 = browser.Cookie!;
        Assert.Equal(SessionSecret.KeyIdOf(_s1), KeyIdOf(underS1));
        using var moves = new MoveCounter();

        await using var b = Frontend(_s2, _s1);
        await using var c = Frontend(_s2, _s1);
        using var viaB = WithCookie(b, underS1);
        var read = await viaB.GetAsync("/api/session/items/cart");

        Assert.Equal("2 books", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var underS2 = viaB.Cookie!;
        Assert.NotEqual(underS1, underS2);
        Assert.Equal(SessionSecret.KeyIdOf(_s2), KeyIdOf(underS2));
        Assert.NotEqual(IdOf(underS1), IdOf(underS2)); // an ID rotation, not the old ID re-tagged
        Assert.Equal(1, moves.Count);
        var loaded = Assert.Single(b.Logs.Entries, e => e.EventId == 3220); // the key ids in use, never a secret
        Assert.Equal(SessionSecret.KeyIdOf(_s2).ToString("x8", CultureInfo.InvariantCulture), loaded.Values["CurrentKeyId"]);
        Assert.Equal(SessionSecret.KeyIdOf(_s1).ToString("x8", CultureInfo.InvariantCulture), loaded.Values["PreviousKeyIds"]);
        Assert.DoesNotContain(Convert.ToBase64String(_s1), loaded.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(_s2), loaded.Message, StringComparison.Ordinal);

        using var viaC = WithCookie(c, underS2);
        var next = await viaC.GetAsync("/api/session/items/cart");
        Assert.Equal("2 books", await next.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(SessionClient.SetCookies(next)); // under the current secret: no further move
        Assert.Equal(_user, (await AuthTestFrontend.MeAsync(viaC)).GetProperty("userId").GetString());
        var listed = Assert.Single(await cluster.Grains.GetGrain<IUserSessionsGrain>(_user).ListAsync(TestContext.Current.CancellationToken));

        using var openTab = WithCookie(c, underS1); // within the renewal grace the old cookie still works, and keeps its ID
        Assert.Equal("2 books", await (await openTab.GetAsync("/api/session/items/cart")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(underS1, openTab.Cookie);
        Assert.Equal(1, moves.Count);

        cluster.Time.Advance(RenewalGrace + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NotFound, (await openTab.GetAsync("/api/session/items/cart")).StatusCode); // replay, as after a renewal
        Assert.Equal(HttpStatusCode.Unauthorized, (await viaC.GetAsync("/api/me")).StatusCode); // and the replay ended the session
        Assert.DoesNotContain(await cluster.Grains.GetGrain<IUserSessionsGrain>(_user).ListAsync(TestContext.Current.CancellationToken),
            item => item.Handle == listed.Handle);
    }

    [Fact]
    public async Task ACookieIssuedBeforeKeyIds_MovedByOneFrontend_IsReadThroughAnother()
    {
        await using var a = Frontend(_s1);
        using var browser = a.CreateSessionClient();
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PutTextAsync("/api/session/items/cart", "kept")).StatusCode);
        var version2 = "sid=" + SessionCookieKeyIdTests.Version2(_s1, IdOf(browser.Cookie!)); // as the release before issued it

        await using var b = Frontend(_s2, _s1);
        await using var c = Frontend(_s2, _s1);
        using var viaC = WithCookie(c, version2);
        Assert.Equal("kept", await (await viaC.GetAsync("/api/session/items/cart")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(SessionSecret.KeyIdOf(_s2), KeyIdOf(viaC.Cookie!));

        using var viaB = WithCookie(b, viaC.Cookie!);
        var read = await viaB.GetAsync("/api/session/items/cart");

        Assert.Equal("kept", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(SessionClient.SetCookies(read));
    }

    [Fact]
    public async Task AfterThePreviousSecretIsRemoved_ACookieUnderIt_ReadsAsAbsent_WithoutReachingTheCluster()
    {
        await using var a = Frontend(_s1);
        using var browser = a.CreateSessionClient();
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PutTextAsync("/api/session/items/cart", "not moved")).StatusCode);
        await using var rolledOver = Frontend(_s2);
        using var late = WithCookie(rolledOver, browser.Cookie!);
        var callsBefore = cluster.Calls.SessionGrainCalls;

        var read = await late.GetAsync("/api/session/items/cart");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(callsBefore, cluster.Calls.SessionGrainCalls);
    }

    [Fact]
    public async Task TheServerApiHeaderUnderAPreviousSecret_ReadsTheSession_AndCarriesTheMovedValueBack()
    {
        await using var a = Frontend(_s1);
        using var browser = a.CreateSessionClient();
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PutTextAsync("/api/session/items/cart", "via header")).StatusCode);
        await using var b = Frontend(_s2, _s1);
        var underS1 = browser.Cookie!["sid=".Length..];
        var server = new ServerApiClient(b.CreateClient()) { SessionValue = underS1 };

        var read = await server.GetAsync("/items/cart");

        Assert.Equal("via header", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.NotEqual(underS1, server.SessionValue);
        Assert.Equal(SessionSecret.KeyIdOf(_s2), KeyIdOf("sid=" + server.SessionValue));
        Assert.Equal("via header", await (await server.GetAsync("/items/cart")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private FrontendFactory Frontend(byte[] secret, params byte[][] previous)
    {
        var settings = TestUsers.Settings([(_user, "user")], [.. ClientWritableTestKeys.Pairs(), .. ServerApiClient.Settings]);
        settings[TestSessionKeySecret.Key] = Convert.ToBase64String(secret);
        for (var i = 0; i < previous.Length; i++)
        {
            settings[$"SessionGrainKey:PreviousSecrets:{i}"] = Convert.ToBase64String(previous[i]);
        }

        return new FrontendFactory(cluster, settings);
    }

    private static SessionClient WithCookie(FrontendFactory frontend, string cookie)
    {
        var client = frontend.CreateSessionClient();
        client.Cookie = cookie;
        return client;
    }

    private static byte[] ValueOf(string cookie) => Base64Url.DecodeFromChars(cookie.AsSpan("sid=".Length));

    private static uint KeyIdOf(string cookie)
    {
        var bytes = ValueOf(cookie);
        Assert.Equal(3, bytes[0]);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4));
    }

    private static string IdOf(string cookie) => Base64Url.EncodeToString(ValueOf(cookie).AsSpan(5, SessionCookie.IdBytes));

    /// <summary>Counts <c>sessions.frontend.secret_rollover_moves</c> of every frontend while it lives.</summary>
    private sealed class MoveCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public MoveCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "sessions.frontend.secret_rollover_moves")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
