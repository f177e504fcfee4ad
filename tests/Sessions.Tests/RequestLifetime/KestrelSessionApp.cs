using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sessions.Tests.AspNetSession;
using Sessions.AspNetCore;

namespace Sessions.Tests.RequestLifetime;

/// <summary>
/// A plain app on <c>HttpContext.Session</c> served by real Kestrel on 127.0.0.1 (Kestrel reuses a connection's
/// HttpContext for its next request; the test server does not), behind <c>UseOrleansSessions()</c> or the stock
/// <c>UseSession()</c>, with its session grain calls passed through a <see cref="SessionCallGate"/>.
/// </summary>
public sealed class KestrelSessionApp : IAsyncDisposable
{
    private WebApplication _app = null!;
    private HeldRequest? _nextHeld;
    private SessionCallGate.HeldLoad? _releaseInWatchedRead;

    private KestrelSessionApp()
    {
    }

    public SessionCallGate Gate { get; } = new();

    public ContextAccessRecorder Recorder { get; } = new();

    public LogRecorder Logs { get; } = new();

    public Uri Address { get; private set; } = null!;

    public static async Task<KestrelSessionApp> StartAsync(SessionStoreKind kind, ClusterFixture cluster)
    {
        var testApp = new KestrelSessionApp();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[TestSessionKeySecret.Key] = TestSessionKeySecret.NewValue();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders().AddProvider(testApp.Logs);
        builder.Services.AddSingleton(InterceptedGrainFactory.Create(cluster.Grains, testApp.Gate));
        builder.Services.AddOrleansSessions();
        var app = builder.Build();
        app.Use(testApp.Recorder.InstallAsync);
        if (kind == SessionStoreKind.Orleans)
        {
            app.UseOrleansSessions();
        }
        else
        {
            app.UseSession();
        }

        testApp.MapEndpoints(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        testApp._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        testApp.Address = new Uri(address);
        return testApp;
    }

    /// <summary>A client of one connection: every request it sends goes over the same keep-alive connection, in turn.</summary>
    public HttpClient OneConnection() =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseCookies = false }) { BaseAddress = Address };

    /// <summary>Holds the next request to <c>/hold</c> in its endpoint.</summary>
    public HeldRequest HoldNextRequest() => _nextHeld = new HeldRequest();

    /// <summary><c>/watched-read</c> releases <paramref name="load"/> from inside its endpoint, while it watches the context.</summary>
    public void ReleaseInWatchedRead(SessionCallGate.HeldLoad load) => _releaseInWatchedRead = load;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void MapEndpoints(WebApplication app)
    {
        app.MapGet("/signin/{user}", async (HttpContext http, string user) =>
        {
            await http.GetOrleansSession().SignInAsync(SessionLogin.Bounded(user, [], null, null), http.RequestAborted);
            return "ok";
        });
        app.MapGet("/me", async (HttpContext http) =>
        {
            var session = http.GetOrleansSession();
            await session.LoadAsync(http.RequestAborted);
            return session.Info?.UserId ?? "(none)";
        });
        app.MapGet("/nothing", () => "ok");
        app.MapGet("/hold", async (HttpContext http) =>
        {
            await (_nextHeld ?? throw new InvalidOperationException("No request to hold.")).WaitAsync(http.RequestAborted);
            return "held";
        });
        app.MapGet("/watched-read", async (HttpContext http) =>
        {
            var session = http.GetOrleansSession();
            using (Recorder.WatchFromHere())
            {
                _releaseInWatchedRead?.Release();
                await session.LoadAsync(http.RequestAborted);
            }

            return session.Info?.UserId ?? "(none)";
        });
    }
}
