using System.Net;

namespace Sessions.Tests.Auth;

/// <summary>ASVS 5.0 V7.4.5: an administrator ends every session of the deployment, on every silo, within the call.</summary>
/// <remarks>A cluster of its own: it ends every session there is.</remarks>
public sealed class EndAllSessionsTests : IAsyncLifetime
{
    private readonly AuthClusterFixture _cluster = new();

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task V7_4_5_AdminEndsEverySession_SignedInOrNot_OnBothSilos_NewSessionsWork()
    {
        await using var frontend = AuthTestFrontend.Create(_cluster, users: 2, admins: 1, settings: ClientWritableTestKeys.Pairs());
        using var admin = await frontend.SignedInAsync(frontend.Users[0]);
        using var user = await frontend.SignedInAsync(frontend.Users[1]);
        var anonymous = new List<SessionClient>();
        for (var i = 0; i < 8; i++) // spread over both silos
        {
            var client = frontend.Client();
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/cart", "1 book")).StatusCode);
            anonymous.Add(client);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/admin/sessions")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/me")).StatusCode);
        foreach (var client in anonymous)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/session/items/cart")).StatusCode);
            client.Dispose();
        }

        _cluster.Time.Advance(TimeSpan.FromMilliseconds(1));
        using var fresh = await frontend.SignedInAsync(frontend.Users[1]);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task AfterAnEndAll_ANewSession_KeepsItsGenerationAcrossARenewal_AndItsOldIdWorksWithinTheGrace()
    {
        await using var frontend = AuthTestFrontend.Create(_cluster, users: 1, settings: ClientWritableTestKeys.Pairs());
        Assert.True((await _cluster.Grains.GetGrain<IDeploymentEpochGrain>(0).EndAllAsync(TestContext.Current.CancellationToken)).Confirmed);
        using var browser = await frontend.SignedInAsync(frontend.Users[0]);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PutTextAsync("/api/session/items/cart", "1 book")).StatusCode);
        var beforeRenewal = browser.Cookie!;

        _cluster.Time.Advance(new AuthOptions().RenewalInterval + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        Assert.NotEqual(beforeRenewal, browser.Cookie);

        using var openTab = frontend.WithCookie(beforeRenewal);
        Assert.Equal(HttpStatusCode.OK, (await openTab.GetAsync("/api/me")).StatusCode); // the trace it left is of the same generation
        Assert.Equal("1 book", await (await browser.GetAsync("/api/session/items/cart")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
