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

    private async Task<WebApplication> StartAppAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[TestSessionKeySecret.Key] = TestSessionKeySecret.NewValue();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(cluster.Grains);
        builder.Services.AddOrleansSessions();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
            o.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            });
        builder.Services.AddSessionTicketStore();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPost("/signin/{user}", async (string user, HttpContext http) =>
        {
            await http.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "password")));
            return Results.NoContent();
        });
        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync();
            return Results.NoContent();
        });
        app.MapGet("/whoami", (HttpContext http) => http.User.Identity!.Name).RequireAuthorization();
        await app.StartAsync(Ct);
        return app;
    }
}
