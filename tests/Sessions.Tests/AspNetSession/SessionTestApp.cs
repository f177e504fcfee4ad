using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sessions.WebFrontend.Session;

namespace Sessions.Tests.AspNetSession;

/// <summary>
/// A stock ASP.NET Core app written against plain <c>HttpContext.Session</c>. The only line that differs between
/// the two stores is the registration (<c>AddSession()</c> over a cache, or <c>AddOrleansSessions()</c>).
/// </summary>
public sealed class SessionTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _arrived;

    private SessionTestApp(WebApplication app) => _app = app;

    /// <summary>How many requests of <c>/load-then-set</c> to hold until all have loaded the session.</summary>
    public int BarrierParticipants { get; set; }

    private TaskCompletionSource AllArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<SessionTestApp> StartAsync(SessionStoreKind kind, ClusterFixture cluster)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        if (kind == SessionStoreKind.BuiltIn)
        {
#pragma warning disable CS0618 // the cache's clock is only settable through ISystemClock
            builder.Services.AddDistributedMemoryCache(o => o.Clock = new FakeSystemClock(cluster.Time));
#pragma warning restore CS0618
            builder.Services.AddSession();
        }
        else
        {
            builder.Services.AddSingleton(cluster.Grains);
            builder.Services.AddOrleansSessions();
        }

        var app = builder.Build();
        var testApp = new SessionTestApp(app);
        app.UseSession();
        testApp.MapEndpoints();
        await app.StartAsync();
        return testApp;
    }

    public SessionClient CreateClient() => new(_app.GetTestClient());

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void MapEndpoints()
    {
        _app.MapGet("/nothing", () => "ok");
        _app.MapGet("/set/{key}/{value}", (HttpContext http, string key, string value) =>
        {
            http.Session.SetString(key, value);
            return "ok";
        });
        _app.MapGet("/get/{key}", (HttpContext http, string key) => http.Session.GetString(key) ?? "(null)");
        _app.MapGet("/setint/{key}/{value:int}", (HttpContext http, string key, int value) =>
        {
            http.Session.SetInt32(key, value);
            return "ok";
        });
        _app.MapGet("/getint/{key}", (HttpContext http, string key) => http.Session.GetInt32(key)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(null)");
        _app.MapGet("/remove/{key}", (HttpContext http, string key) =>
        {
            http.Session.Remove(key);
            return "ok";
        });
        _app.MapGet("/clear", (HttpContext http) =>
        {
            http.Session.Clear();
            return "ok";
        });
        _app.MapGet("/keys", (HttpContext http) => string.Join(",", http.Session.Keys.Order(StringComparer.Ordinal)));
        _app.MapGet("/id", (HttpContext http) => http.Session.Id);
        _app.MapGet("/available", (HttpContext http) => http.Session.IsAvailable ? "yes" : "no");
        _app.MapGet("/load-then-set/{key}", async (HttpContext http, string key) =>
        {
            await http.Session.LoadAsync();
            if (Interlocked.Increment(ref _arrived) == BarrierParticipants)
            {
                AllArrived.SetResult();
            }

            await AllArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
            http.Session.SetString(key, "x");
            await http.Session.CommitAsync();
            return "ok";
        });
    }
}
