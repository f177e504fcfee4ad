using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sessions.WebFrontend.Auth;
using Sessions.AspNetCore;

namespace Sessions.Tests.Auth;

/// <summary>
/// An app on cookie authentication (<c>AddCookie()</c>) with the Sessions ticket store: its logins are sessions of
/// their users, so sign-out everywhere and an administrator's end take its authentication away.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class TicketStoreTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACookieAuthLogin_IsListedAsASessionOfItsUser_AndEndsWithSignOutEverywhere()
    {
        await using var app = await StartAppAsync();
        var user = "carol-" + Guid.NewGuid().ToString("N")[..6];
        using var browser = new SessionClient(app.GetTestClient());
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync($"/signin/{user}")).StatusCode);
        Assert.Equal(user, await (await browser.GetAsync("/whoami")).Content.ReadAsStringAsync(Ct));
        var index = cluster.Grains.GetGrain<IUserSessionsGrain>(user);
        Assert.Single(await index.ListAsync(Ct));

        await index.EndAllAsync(exceptHandle: null, SessionEndReason.Revoked, Ct); // what DELETE /api/me/sessions does

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/whoami")).StatusCode);
    }

    [Fact]
    public async Task ACookieAuthLogin_EndsWithAnAdminsEndOfTheUsersSessions_AndSignOutRemovesTheTicket()
    {
        await using var app = await StartAppAsync();
        var user = "dave-" + Guid.NewGuid().ToString("N")[..6];
        using var first = new SessionClient(app.GetTestClient());
        using var second = new SessionClient(app.GetTestClient());
        await first.PostAsync($"/signin/{user}");
        await second.PostAsync($"/signin/{user}");

        Assert.Equal(HttpStatusCode.NoContent, (await second.PostAsync("/signout")).StatusCode);
        Assert.Single(await cluster.Grains.GetGrain<IUserSessionsGrain>(user).ListAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/whoami")).StatusCode);

        await cluster.Grains.GetGrain<IUserSessionsGrain>(user).EndAllAsync(null, SessionEndReason.AdminEnded, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/whoami")).StatusCode);
    }

    [Fact]
    public async Task TicketStoreSessionsRenewTheirId()
    {
        await using var app = await StartAppAsync();
        var user = "fay-" + Guid.NewGuid().ToString("N")[..6];
        using var browser = new SessionClient(app.GetTestClient());
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync($"/signin/{user}")).StatusCode);
        var signedIn = browser.Cookie;
        var index = cluster.Grains.GetGrain<IUserSessionsGrain>(user);
        var handle = Assert.Single(await index.ListAsync(Ct)).Handle;

        cluster.Time.Advance(new AuthOptions().RenewalInterval + TimeSpan.FromMinutes(1));
        var renewing = await browser.GetAsync("/whoami");

        Assert.Equal(HttpStatusCode.OK, renewing.StatusCode);
        Assert.NotEqual(signedIn, browser.Cookie); // re-issued
        var session = Assert.Single(await index.ListAsync(Ct));
        Assert.Equal((handle, 1L), (session.Handle, session.Rotations)); // the same session, under a new ID
        Assert.Equal(user, await (await browser.GetAsync("/whoami")).Content.ReadAsStringAsync(Ct));
        Assert.Empty(SessionClient.SetCookies(await browser.GetAsync("/whoami"))); // renewed once, not on every request
    }

    [Fact]
    public async Task ATicketStoreIdRenewedAway_UsedAfterTheGrace_IsReplay_AndEndsTheSession()
    {
        await using var app = await StartAppAsync();
        var user = "gus-" + Guid.NewGuid().ToString("N")[..6];
        using var browser = new SessionClient(app.GetTestClient());
        await browser.PostAsync($"/signin/{user}");
        var fingerprint = SessionFingerprint.Of(Assert.Single(await cluster.Grains.GetGrain<IUserSessionsGrain>(user).ListAsync(Ct)).Handle);
        using var thief = new SessionClient(app.GetTestClient()) { Cookie = browser.Cookie };
        cluster.Time.Advance(new AuthOptions().RenewalInterval + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/whoami")).StatusCode); // renews
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/whoami")).StatusCode); // within the grace: other tabs, requests in flight

        cluster.Time.Advance(new AuthOptions().RenewalGrace + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/whoami")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/whoami")).StatusCode); // the session ended with the replay
        Assert.Empty(await cluster.Grains.GetGrain<IUserSessionsGrain>(user).ListAsync(Ct));
        Assert.Contains(cluster.SiloLogs.Values(1203), values => Equals(values["SessionFingerprint"], fingerprint)); // logged as replay
    }

    [Fact]
    public async Task ACookieAuthLogin_RecordsHowTheUserAuthenticated()
    {
        await using var app = await StartAppAsync();
        var user = "erin-" + Guid.NewGuid().ToString("N")[..6];
        using var browser = new SessionClient(app.GetTestClient());
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync($"/signin/{user}")).StatusCode);

        var session = Assert.Single(await cluster.Grains.GetGrain<IUserSessionsGrain>(user).ListAsync(Ct));
        Assert.Equal("password", session.AuthenticationMethod); // the identity's authentication type
        Assert.NotNull(session.AuthenticatedAt);
    }

    [Fact]
    public async Task TicketStoreSessionsFollowThePrincipalRevalidation_ARemovedRoleIsGone_ARemovedUserSignedOut()
    {
        var user = "hal-" + Guid.NewGuid().ToString("N")[..6];
        var users = new Dictionary<string, string[]> { [user] = ["admin"] };
        await using var app = await StartAppAsync(new DictionaryValidator(users));
        using var browser = new SessionClient(app.GetTestClient());
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync($"/signin/{user}?role=admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);
        var interval = new AuthOptions().PrincipalRevalidationInterval + TimeSpan.FromSeconds(1);

        users[user] = ["user"];
        cluster.Time.Advance(interval);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin")).StatusCode); // the re-issued ticket holds the new roles

        users.Remove(user);
        cluster.Time.Advance(interval);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/whoami")).StatusCode);
        Assert.Empty(await cluster.Grains.GetGrain<IUserSessionsGrain>(user).ListAsync(Ct));
    }

    private sealed class DictionaryValidator(Dictionary<string, string[]> users) : ISessionPrincipalValidator
    {
        public ValueTask<SessionPrincipalVerdict> ValidateAsync(SessionPrincipal principal, CancellationToken cancellationToken) =>
            ValueTask.FromResult(users.TryGetValue(principal.UserId, out var roles) ? SessionPrincipalVerdict.Valid(roles) : SessionPrincipalVerdict.Invalid);
    }

    private async Task<WebApplication> StartAppAsync(ISessionPrincipalValidator? validator = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[TestSessionKeySecret.Key] = TestSessionKeySecret.NewValue();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(cluster.Grains);
        builder.Services.AddOrleansSessions();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddSessionTicketStore();
        builder.Services.AddAuthorization();
        if (validator is not null)
        {
            builder.Services.AddSingleton(validator);
        }

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPost("/signin/{user}", async (string user, string? role, HttpContext http) =>
        {
            Claim[] claims = role is null ? [new Claim(ClaimTypes.Name, user)] : [new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, role)];
            await http.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, "password")));
            return Results.NoContent();
        });
        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync();
            return Results.NoContent();
        });
        app.MapGet("/whoami", (HttpContext http) => http.User.Identity!.Name).RequireAuthorization();
        app.MapGet("/admin", () => "admin").RequireAuthorization(policy => policy.RequireRole("admin"));
        await app.StartAsync(Ct);
        return app;
    }
}
