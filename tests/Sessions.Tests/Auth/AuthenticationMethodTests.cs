using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Tests.Auth;

/// <summary>
/// ASVS 5.0 V7.5.1 / V7.5.3 (and V6 step-up): a session records when and how its user authenticated, so a sensitive
/// action can ask for a recent sign-in by a method it trusts.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class AuthenticationMethodTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SessionRecordsHowTheUserAuthenticated()
    {
        await using var frontend = AuthTestFrontend.Create(cluster, users: 1);
        var signedInAt = cluster.Time.GetUtcNow();
        using var browser = await frontend.SignedInAsync(frontend.Users[0]);

        var me = await AuthTestFrontend.MeAsync(browser);
        Assert.Equal("password", me.GetProperty("authenticationMethod").GetString());
        Assert.Equal(signedInAt, me.GetProperty("authenticatedAt").GetDateTimeOffset());

        cluster.Time.Advance(new AuthOptions().RenewalInterval + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode); // renews the ID
        me = await AuthTestFrontend.MeAsync(browser);
        Assert.Equal("password", me.GetProperty("authenticationMethod").GetString()); // a renewal keeps both
        Assert.Equal(signedInAt, me.GetProperty("authenticatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task FreshAuthenticationCanRequireAMethod_AndASignInByAnotherAnswers401()
    {
        await using var app = await StartAppAsync();
        using var browser = new SessionClient(app.GetTestClient());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/signin/password")).StatusCode);
        var refused = await browser.PostAsync("/sensitive");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("authentication_method", problem.GetProperty("reason").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/signin/passkey")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/sensitive")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Password")]
    [InlineData("pass word")]
    [InlineData("method-longer-than-thirty-two-chars")]
    public void AnAuthenticationMethodIsAShortLowerCaseWord(string method) =>
        Assert.Throws<ArgumentException>(() => SessionLogin.Bounded("u", [], null, null).WithAuthenticationMethod(method));

    private async Task<WebApplication> StartAppAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[TestSessionKeySecret.Key] = TestSessionKeySecret.NewValue();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(cluster.Grains);
        builder.Services.AddSingleton<TimeProvider>(cluster.Time);
        builder.Services.AddOrleansSessions();
        var app = builder.Build();
        app.UseOrleansSessions();
        var user = "m-" + Guid.NewGuid().ToString("N")[..8];
        app.MapPost("/signin/{method}", async (string method, HttpContext http) =>
        {
            await http.GetOrleansSession().SignInAsync(SessionLogin.Bounded(user, [], null, null).WithAuthenticationMethod(method), http.RequestAborted);
            return Results.NoContent();
        });
        app.MapPost("/sensitive", () => Results.Ok()).RequireFreshAuthentication(methods: ["passkey"]);
        await app.StartAsync(Ct);
        return app;
    }
}
