using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Tests.Auth;

/// <summary>
/// The per-user session index: listing and revoking one's sessions (V7.5.2), sign-out everywhere (V7.4.3), the limit
/// per user (V7.1.2), administrators' ends (V7.4.2, V7.4.5), and consistency when sessions expire unseen.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class UserSessionIndexTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task V7_4_3_SignOutEverywhere_EndsTheOtherSessionsWithinTheRequest_ThenTheCurrentOne()
    {
        await using var frontend = AuthTestFrontend.Create(cluster);
        var user = frontend.Users[0];
        using var laptop = await frontend.SignedInAsync(user);
        using var phone = await frontend.SignedInAsync(user);
        using var tablet = await frontend.SignedInAsync(user);

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.DeleteAsync("/api/me/sessions?keepCurrent=true")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tablet.GetAsync("/api/me")).StatusCode);
        var left = await ListAsync(laptop);
        Assert.True(Assert.Single(left).GetProperty("current").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.DeleteAsync("/api/me/sessions")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/me")).StatusCode);
        Assert.Empty(await cluster.Grains.GetGrain<IUserSessionsGrain>(user).ListAsync(Ct));
    }

    [Fact]
    public async Task V7_5_2_UsersListTheirSessions_WithDeviceAndAddress_AndRevokeOneByHandle()
    {
        await using var frontend = AuthTestFrontend.Create(cluster);
        var user = frontend.Users[0];
        using var laptop = frontend.Client();
        laptop.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Laptop/1.0");
        Assert.Equal(HttpStatusCode.OK, (await laptop.LoginAsync(user)).StatusCode);
        using var phone = await frontend.SignedInAsync(user);
        var phoneHandle = (await AuthTestFrontend.MeAsync(phone)).GetProperty("sessionHandle").GetString()!;

        var listed = await ListAsync(laptop);

        Assert.Equal(2, listed.Count);
        var current = Assert.Single(listed, s => s.GetProperty("current").GetBoolean());
        Assert.Equal("Laptop/1.0", current.GetProperty("userAgent").GetString());
        Assert.False(string.IsNullOrEmpty(current.GetProperty("clientAddress").GetString()));
        Assert.Contains(listed, s => s.GetProperty("handle").GetString() == phoneHandle);
        Assert.DoesNotContain(phone.Cookie!.Split('=')[1], JsonSerializer.Serialize(listed)); // handles are not IDs

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.DeleteAsync($"/api/me/sessions/{phoneHandle}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/me")).StatusCode);
        Assert.Single(await ListAsync(laptop));
        Assert.Equal(HttpStatusCode.NotFound, (await laptop.DeleteAsync($"/api/me/sessions/{phoneHandle}")).StatusCode);
    }

    [Fact]
    public async Task V7_1_2_AFourthLogin_EvictsTheOldestSession()
    {
        await using var frontend = AuthTestFrontend.Create(cluster);
        var user = frontend.Users[0];
        var browsers = new List<SessionClient>();
        for (var i = 0; i <= AuthClusterFixture.MaxSessionsPerUser; i++)
        {
            browsers.Add(await frontend.SignedInAsync(user));
            cluster.Time.Advance(TimeSpan.FromSeconds(1)); // creation order
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await browsers[0].GetAsync("/api/me")).StatusCode);
        foreach (var browser in browsers.Skip(1))
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        }

        Assert.Equal(AuthClusterFixture.MaxSessionsPerUser, (await cluster.Grains.GetGrain<IUserSessionsGrain>(user).ListAsync(Ct)).Count);
        browsers.ForEach(b => b.Dispose());
    }

    [Fact]
    public async Task V7_1_2_TenRacingLogins_LeaveExactlyTheLimitSignedIn()
    {
        await using var frontend = AuthTestFrontend.Create(cluster);
        var user = frontend.Users[0];
        // Ten devices, each at its own address: ten password checks of one account at once from one address are more
        // than the login throttle's burst lets through.
        var browsers = Enumerable.Range(1, 10).Select(i => frontend.Factory.CreateSessionClient(IPAddress.Parse($"192.0.2.{i}"))).ToList();

        var logins = await Task.WhenAll(browsers.Select(b => b.LoginAsync(user)));

        Assert.All(logins, l => Assert.Equal(HttpStatusCode.OK, l.StatusCode));
        var me = await Task.WhenAll(browsers.Select(b => b.GetAsync("/api/me")));
        Assert.Equal(AuthClusterFixture.MaxSessionsPerUser, me.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(AuthClusterFixture.MaxSessionsPerUser, (await cluster.Grains.GetGrain<IUserSessionsGrain>(user).ListAsync(Ct)).Count);
        browsers.ForEach(b => b.Dispose());
    }

    [Fact]
    public async Task TheIndex_DropsSessionsThatExpiredWhileTheirGrainsWereDeactivated()
    {
        await using var frontend = AuthTestFrontend.Create(cluster);
        var user = frontend.Users[0];
        using var first = await frontend.SignedInAsync(user);
        using var second = await frontend.SignedInAsync(user);
        var index = cluster.Grains.GetGrain<IUserSessionsGrain>(user);
        Assert.Equal(2, (await index.ListAsync(Ct)).Count);

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, Ct);
        cluster.Time.Advance(new SessionExpiryOptions().IdleTimeout + TimeSpan.FromSeconds(1));

        Assert.Empty(await index.ListAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task AdminEndOfAUser_LogsTheRoutesUserIdAsAnEscapedValue_NeverAsLogText()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1, admins: 1);
        using var adminBrowser = await frontend.SignedInAsync(frontend.Users[0]);

        var forged = "mallory\nSecurity: administrator root ended nothing";
        Assert.Equal(HttpStatusCode.NoContent,
            (await adminBrowser.DeleteAsync($"/api/admin/users/{Uri.EscapeDataString(forged)}/sessions")).StatusCode);

        var entry = Assert.Single(frontend.Factory.Logs.Entries, e => e.EventId == 3105);
        Assert.Equal("mallory\\u000aSecurity: administrator root ended nothing", entry.Values["UserId"]);
        Assert.DoesNotContain('\n', entry.Message);
    }

    [Fact]
    public async Task V7_4_2_AndV7_4_5_AdminEndsAllSessionsOfOneUser_OthersKeepTheirs()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 3, admins: 1);
        var (admin, target, bystander) = (frontend.Users[0], frontend.Users[1], frontend.Users[2]);
        using var adminBrowser = await frontend.SignedInAsync(admin);
        using var targetLaptop = await frontend.SignedInAsync(target);
        using var targetPhone = await frontend.SignedInAsync(target);
        using var other = await frontend.SignedInAsync(bystander);

        Assert.Equal(HttpStatusCode.NoContent, (await adminBrowser.DeleteAsync($"/api/admin/users/{target}/sessions")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await targetLaptop.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await targetPhone.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/me")).StatusCode);
        Assert.Empty(await cluster.Grains.GetGrain<IUserSessionsGrain>(target).ListAsync(Ct));
    }

    [Fact]
    public async Task V7_4_5_AdminEndpoints_Answer401WithoutLogin_And403ForNonAdmins()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1);
        using var anonymous = frontend.Client();
        using var user = await frontend.SignedInAsync(frontend.Users[0]);

        foreach (var path in new[] { "/api/admin/sessions", $"/api/admin/users/{frontend.Users[0]}/sessions" })
        {
            var unauthenticated = await anonymous.DeleteAsync(path);
            var forbidden = await user.DeleteAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/me")).StatusCode);
    }

    private static async Task<List<JsonElement>> ListAsync(SessionClient client)
    {
        var response = await client.GetAsync("/api/me/sessions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray()];
    }
}
