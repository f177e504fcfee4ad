using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sessions.AspNetCore;

namespace Sessions.Tests.AspNetSession;

/// <summary>
/// A stock ASP.NET Core app written against plain <c>HttpContext.Session</c>, with an exception handler in front. Only
/// the registration differs between the stores (<c>AddSession()</c> over a cache, or <c>AddOrleansSessions()</c>) and,
/// for Sessions, the middleware (<c>UseOrleansSessions()</c> or the stock <c>UseSession()</c>).
/// </summary>
public sealed class SessionTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SessionTestEndpoints _endpoints = new();
    private readonly TaskCompletionSource _abortedRequestFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SessionTestApp(WebApplication app, SessionStoreProbe store, CountingDataProtectionProvider dataProtection) =>
        (_app, Store, DataProtection) = (app, store, dataProtection);

    /// <summary>How many requests of <c>/load-then-set</c> to hold until all have loaded the session.</summary>
    public int BarrierParticipants
    {
        get => _endpoints.BarrierParticipants;
        set => _endpoints.BarrierParticipants = value;
    }

    public SessionStoreProbe Store { get; }

    public CountingDataProtectionProvider DataProtection { get; }

    /// <summary>Completes once a request whose client went away has run through the whole pipeline.</summary>
    public Task AbortedRequestFinished => _abortedRequestFinished.Task;

    /// <summary>
    /// Starts the app; <paramref name="configureSession"/> sets <see cref="SessionOptions"/> in code, as an app would. Sessions
    /// reach the grains through the cluster's Orleans client, or with <paramref name="coHosted"/> through a silo's own grain
    /// factory, as an app with a co-hosted silo (embedded mode) does.
    /// </summary>
    public static async Task<SessionTestApp> StartAsync(
        SessionStoreKind kind, ClusterFixture cluster, Action<SessionOptions>? configureSession = null, bool coHosted = false)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[TestSessionKeySecret.Key] = TestSessionKeySecret.NewValue();
        builder.WebHost.UseTestServer();
        var store = new SessionStoreProbe();
        var dataProtection = new CountingDataProtectionProvider(new EphemeralDataProtectionProvider());
        builder.Services.AddSingleton<IDataProtectionProvider>(dataProtection);
        if (kind == SessionStoreKind.BuiltIn)
        {
#pragma warning disable CS0618 // the cache's clock is only settable through ISystemClock
            var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions { Clock = new FakeSystemClock(cluster.Time) }));
#pragma warning restore CS0618
            builder.Services.AddSingleton<IDistributedCache>(new ProbedDistributedCache(cache, store));
            builder.Services.AddSession(configureSession ?? (_ => { }));
        }
        else
        {
            var grains = coHosted ? cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>() : cluster.Grains;
            builder.Services.AddSingleton(InterceptedGrainFactory.Create(grains, store));
            builder.Services.AddOrleansSessions();
            if (configureSession is not null)
            {
                builder.Services.Configure(configureSession);
            }
        }

        var app = builder.Build();
        var testApp = new SessionTestApp(app, store, dataProtection);
        app.Use(testApp.SignalAbortedRequestsAsync);
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = http => http.Response.WriteAsync("handled") });
        if (kind == SessionStoreKind.Orleans)
        {
            app.UseOrleansSessions();
        }
        else
        {
            app.UseSession();
        }

        testApp._endpoints.Map(app);
        await app.StartAsync();
        return testApp;
    }

    public SessionClient CreateClient() => new(_app.GetTestClient());

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task SignalAbortedRequestsAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        finally
        {
            if (http.RequestAborted.IsCancellationRequested)
            {
                _abortedRequestFinished.TrySetResult();
            }
        }
    }
}
