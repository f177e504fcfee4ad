using System.Net;
using Microsoft.Extensions.Logging;
using Sessions.Tests.AspNetSession;

namespace Sessions.Tests.RequestLifetime;

/// <summary>
/// Nothing a request starts outlives it or runs beside it: on real Kestrel, where a connection's next request (behind a
/// pooling proxy, another user's) gets the same HttpContext, with the session load held by a gate so that the
/// interleavings that used to answer 500 or move a cookie to another user's response happen every time.
/// </summary>
[Collection(RequestLifetimeCollection.Name)]
public sealed class RequestLifetimeTests(AuthClusterFixture cluster)
{
    private static readonly TimeSpan RenewalDue = new AuthOptions().RenewalInterval + TimeSpan.FromSeconds(1);

    [Theory]
    [MemberData(nameof(SessionStoreKinds.Sessions), MemberType = typeof(SessionStoreKinds))]
    public async Task LoadTheEndpointNeverUsed_EndsWithItsRequest_NotOnTheConnectionsNextRequest(SessionStoreKind kind)
    {
        await using var app = await KestrelSessionApp.StartAsync(kind, cluster);
        using var connection = app.OneConnection();
        var (alice, user) = await SignedInWithRenewalDueAsync(connection);
        var aliceCookie = alice.Cookie;
        var bob = new SessionClient(connection);

        var load = app.Gate.HoldNextLoad();
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/nothing")).StatusCode); // its session load is held
        Assert.True(load.Arrived.IsCompleted, "the request with a session cookie started loading its session");
        var held = app.HoldNextRequest();
        var bobsRequest = bob.GetAsync("/hold"); // the connection's next request: another user's
        await held.Arrived;

        Assert.True(load.Cancelled.IsCompleted, "alice's session load was still running when the connection's next request (bob's) began");
        load.Release();
        held.Release();
        var bobsResponse = await bobsRequest;
        Assert.Equal(HttpStatusCode.OK, bobsResponse.StatusCode);
        Assert.Empty(SessionClient.SetCookies(bobsResponse));
        Assert.Equal(user, await (await alice.GetAsync("/me")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.NotEqual(aliceCookie, alice.Cookie); // renewed on a request that read the session, on that request's response
        Assert.Empty(app.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message + e.Exception));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.Sessions), MemberType = typeof(SessionStoreKinds))]
    public async Task LoadStartedBeforeTheEndpoint_TouchesTheContextOnlyOnTheRequestsOwnFlow(SessionStoreKind kind)
    {
        await using var app = await KestrelSessionApp.StartAsync(kind, cluster);
        using var connection = app.OneConnection();
        var (alice, user) = await SignedInWithRenewalDueAsync(connection);
        var aliceCookie = alice.Cookie;

        // The load starts before the endpoint (eager loading) and is held; the endpoint releases it while it uses the
        // context itself, then awaits the load. Whatever the load does with the context must happen in that await.
        app.ReleaseInWatchedRead(app.Gate.HoldNextLoad());
        var response = await alice.GetAsync("/watched-read");

        Assert.Equal(user, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(app.Recorder.OffFlowAccesses);
        Assert.NotEqual(aliceCookie, alice.Cookie); // the renewal happened on this request, and its cookie came with it
        Assert.Equal(user, await (await alice.GetAsync("/me")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(app.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message + e.Exception));
    }

    /// <summary>A user signed in over <paramref name="connection"/>, whose session ID is due for renewal on its next load.</summary>
    private async Task<(SessionClient Client, string User)> SignedInWithRenewalDueAsync(HttpClient connection)
    {
        var client = new SessionClient(connection);
        var user = "alice-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/signin/{user}")).StatusCode);
        cluster.Time.Advance(RenewalDue);
        return (client, user);
    }
}
