using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Tests.AspNetSession;

/// <summary>
/// A limit hit inside an app's own handler (<c>HttpContext.Session.SetString</c> beyond the session-creation limit)
/// answers 429 problem+json with <c>Retry-After</c>, never a 500: <c>UseOrleansSessions()</c> answers it by itself; behind
/// the stock <c>UseSession()</c> the app's <c>app.UseExceptionHandler()</c> does, through the handler <c>AddOrleansSessions()</c> registers.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionLimitAnswerTests(ClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(SessionStoreKinds.Sessions), MemberType = typeof(SessionStoreKinds))]
    public async Task SessionCreationLimitHit_InTheAppsHandler_Answers429ProblemWithRetryAfter(SessionStoreKind kind)
    {
        await using var app = await StartAsync(kind);
        using var first = app.GetTestClient();
        using var second = app.GetTestClient();

        var created = await first.PostAsync("/cart", null, Ct);
        var limited = await second.PostAsync("/cart", null, Ct);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Contains("\"status\":429", await limited.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(limited.Headers.Contains("Set-Cookie"));
    }

    /// <summary>An app of the usual shape: Sessions registered, one handler writing the session, a limit of one new session a minute.</summary>
    private async Task<WebApplication> StartAsync(SessionStoreKind kind)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration[TestSessionKeySecret.Key] = TestSessionKeySecret.NewValue();
        builder.Configuration["RateLimits:SessionCreationsPerMinute"] = "1";
        builder.Services.AddSingleton(cluster.Grains);
        builder.Services.AddOrleansSessions();
        var app = builder.Build();
        if (kind == SessionStoreKind.Orleans)
        {
            app.UseOrleansSessions();
        }
        else
        {
            app.UseExceptionHandler(); // the one line the stock middleware needs for problem answers
            app.UseSession();
        }

        app.MapPost("/cart", (HttpContext http) =>
        {
            http.Session.SetString("cart", "1 book");
            return "added";
        });
        await app.StartAsync(Ct);
        return app;
    }
}
