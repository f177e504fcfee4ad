using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Tests.Auth;

/// <summary>
/// ASVS 5.0 V7.5.1 / V7.5.3: ending other sessions and administration need a recent sign-in, not only a signed-in
/// session; a stale one answers 401 problem+json (reason <c>stale_authentication</c>) until the user signs in again.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class FreshAuthenticationTests(AuthClusterFixture cluster)
{
    private static readonly TimeSpan Window = new AuthOptions().FreshAuthenticationWindow;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task V7_5_1_EndingAnotherSession_WithAStaleSignIn_Answers401_UntilTheUserSignsInAgain()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1);
        var user = frontend.Users[0];
        using var laptop = await frontend.SignedInAsync(user);
        using var phone = await frontend.SignedInAsync(user);
        var phoneHandle = await HandleAsync(phone);

        cluster.Time.Advance(Window + TimeSpan.FromMinutes(1));
        var stale = await laptop.DeleteAsync($"/api/me/sessions/{phoneHandle}");

        await AssertStaleAsync(stale);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/me")).StatusCode); // nothing ended
        Assert.Equal(HttpStatusCode.OK, (await laptop.LoginAsync(user)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await laptop.DeleteAsync($"/api/me/sessions/{phoneHandle}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task V7_5_3_AdminActions_WithAStaleSignIn_Answer401_AndWithAFreshOneGoThrough()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 2, admins: 1);
        var (admin, target) = (frontend.Users[0], frontend.Users[1]);
        using var adminBrowser = await frontend.SignedInAsync(admin);
        using var targetBrowser = await frontend.SignedInAsync(target);

        Assert.Equal(HttpStatusCode.OK, (await adminBrowser.GetAsync("/api/admin/cluster")).StatusCode); // a read needs no fresh sign-in
        cluster.Time.Advance(Window + TimeSpan.FromMinutes(1));

        await AssertStaleAsync(await adminBrowser.DeleteAsync($"/api/admin/users/{target}/sessions"));
        Assert.Equal(HttpStatusCode.OK, (await targetBrowser.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await adminBrowser.LoginAsync(admin)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await adminBrowser.DeleteAsync($"/api/admin/users/{target}/sessions")).StatusCode);
    }

    [Fact]
    public async Task AnIdRenewal_DoesNotRefreshTheSignIn()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1);
        var user = frontend.Users[0];
        using var laptop = await frontend.SignedInAsync(user);
        using var phone = await frontend.SignedInAsync(user);
        var phoneHandle = await HandleAsync(phone);

        cluster.Time.Advance(new AuthOptions().RenewalInterval + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/me")).StatusCode); // renews the ID

        await AssertStaleAsync(await laptop.DeleteAsync($"/api/me/sessions/{phoneHandle}"));
    }

    private static async Task<string> HandleAsync(SessionClient client) =>
        (await (await client.GetAsync("/api/me")).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("sessionHandle").GetString()!;

    private static async Task AssertStaleAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Fresh authentication required", problem.GetProperty("title").GetString());
        Assert.Equal("stale_authentication", problem.GetProperty("reason").GetString());
    }
}
