using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using Orleans.Diagnostics;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.WebFrontend.Analytics;
using Sessions.WebFrontend.Auth;
using Sessions.AspNetCore;

namespace Sessions.WebFrontend.Hosting;

public static class FrontendHostingExtensions
{
    /// <summary>Environment name under which tests supply the cluster themselves.</summary>
    public const string TestingEnvironment = "Testing";

    // The keys UseAuthentication() and UseAuthorization() set, which WebApplication checks before adding them itself.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
    private const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    /// <summary>Where the demo serves Prometheus text of its meters.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Connects the frontend to session grains: a co-hosted silo (<c>Frontend:Mode=Embedded</c>, the default) or an
    /// Orleans client of separate silos (<c>Client</c>). Skipped in the Testing environment.
    /// </summary>
    public static WebApplicationBuilder AddSessionsCluster(this WebApplicationBuilder builder)
    {
        builder.AddSessionsConfiguration();
        builder.Services.AddValidatedOptions<FrontendOptions, FrontendOptionsValidator>(FrontendOptions.SectionName);
        if (builder.Environment.IsEnvironment(TestingEnvironment))
        {
            return builder;
        }

        if (builder.GetValidatedOptions<FrontendOptions>().Mode == FrontendMode.Embedded)
        {
            builder.AddSessionsSilo();
            return builder;
        }

        builder.Services.AddValidatedOptions<ObservabilityOptions, ObservabilityOptionsValidator>(ObservabilityOptions.SectionName);
        var observability = builder.GetValidatedOptions<ObservabilityOptions>();
        builder.AddSessionsClient(client =>
        {
            if (observability.OrleansDashboard)
            {
                client.AddDashboard();
            }

            if (observability.RecordsTraces())
            {
                client.AddActivityPropagation();
            }
        });

        return builder;
    }

    /// <summary>Orleans-backed sessions with a shared, persisted cookie key ring, problem details and health checks.</summary>
    public static WebApplicationBuilder AddSessionFrontend(this WebApplicationBuilder builder)
    {
        builder.AddSessionsConfiguration();
        var services = builder.Services;
        services.AddOrleansSessions();
        services.AddValidatedOptions<SessionsConnectionStrings, SessionsConnectionStringsValidator>(SessionsConnectionStrings.SectionName);
        services.AddSessionLogin();
        services.AddRazorPages();
        services.TryAddSingleton<AnalyticsAccess>();
        services.TryAddSingleton<AnalyticsReader>();
        services.AddHostedService<ActiveSessionsGauge>();
        services.AddValidatedOptions<ObservabilityOptions, ObservabilityOptionsValidator>(ObservabilityOptions.SectionName);
        var observability = builder.GetValidatedOptions<ObservabilityOptions>();
        foreach (var meter in FrontendMeters.Names)
        {
            // Only this host's meters: where several hosts share a process (integration tests), listening by name alone
            // mixes their series, and OpenTelemetry ends a shared series when any one of those hosts stops
            // (open-telemetry/opentelemetry-dotnet#6412), which took the grain-call histogram out of /metrics.
            builder.Metrics.EnableMetrics(meter, instrumentName: null, listenerName: null, scopes: MeterScope.Local);
        }

        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0); // every scrape is current
            if (observability.RecordsTraces())
            {
                metrics.AddOtlpExporter(otlp => otlp.Endpoint = new Uri(observability.OtlpEndpoint));
            }
        });
        if (observability.RecordsTraces())
        {
            // Traces only with a collector to send them to: recording a span per request and grain call costs throughput.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource(ActivitySources.AllActivitySourceName)
                .AddOtlpExporter(otlp => otlp.Endpoint = new Uri(observability.OtlpEndpoint)));
        }

        AddCookieKeyRing(builder);
        services.AddHealthChecks().AddSessionsHealthChecks();
        return builder;
    }

    /// <summary>
    /// Forwarded headers of known proxies, the refusal of cross-site state changes, security headers, error handling, the
    /// wait for the cluster, the Orleans session middleware and the rate limits, ahead of the endpoints.
    /// </summary>
    public static WebApplication UseSessionFrontend(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<ICredentialValidator>(); // built at start: the log says whether demo users are on
        LeaveOutAuthMiddlewares(app);
        app.UseKnownProxies();
        app.UseCrossSiteRequestRefusal();
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaticFiles(); // the demo pages' stylesheet, served before (and without) any session work
        app.UseExceptionHandler();
        app.UseSessionsConnectionGate();
        app.UseOrleansSessions();
        if (app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value.OrleansDashboard)
        {
            app.UseMiddleware<OrleansDashboardGate>(); // off (the default): no gate for every request to pass through
        }

        app.UseSessionVisitRecording();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// WebApplication puts ASP.NET Core's authentication and authorization middlewares in front of the whole pipeline
    /// when their services are registered, and Razor Pages registers both. The demo signs in through its sessions and
    /// has no <c>[Authorize]</c> endpoint, so they would only cost every request (about 3 % of a session read's CPU and
    /// 500 bytes of allocations, a scoped handler provider among them): marked as placed, they are not added.
    /// </summary>
    private static void LeaveOutAuthMiddlewares(WebApplication app)
    {
        var properties = ((IApplicationBuilder)app).Properties;
        properties.TryAdd(AuthenticationMiddlewareSetKey, true);
        properties.TryAdd(AuthorizationMiddlewareSetKey, true);
    }

    /// <summary>
    /// The demo pages (<c>/</c>, <c>/login</c>, <c>/shop</c>, <c>/cart</c>, <c>/checkout</c>, <c>/account/sessions</c>,
    /// <c>/analytics</c>):
    /// server-rendered, antiforgery-protected forms over the same session as the REST API, never cached.
    /// </summary>
    public static WebApplication MapSessionPages(this WebApplication app)
    {
        app.MapRazorPages().WithMetadata(PageResponse.Instance, SessionDataResponse.Instance);
        return app;
    }

    /// <summary>
    /// The server-to-server session API (<c>/api/server/session</c>) when <c>SessionServerApi:Tokens</c> holds a token;
    /// without one the demo maps none, where the library's <c>MapSessionServerEndpoints()</c> would stop the start.
    /// </summary>
    public static WebApplication MapSessionServerEndpointsIfConfigured(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<SessionServerApiOptions>>().Value.Tokens.Count > 0)
        {
            app.MapSessionServerEndpoints();
        }

        return app;
    }

    /// <summary>
    /// The Orleans Dashboard at <c>Observability:OrleansDashboardPath</c> when <c>Observability:OrleansDashboard</c> is
    /// on (the silos must have it on too); <see cref="OrleansDashboardGate"/> lets only the configured role in.
    /// </summary>
    public static WebApplication MapOrleansDashboardIfEnabled(this WebApplication app)
    {
        var observability = app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        if (observability.OrleansDashboard)
        {
            app.MapOrleansDashboard(observability.OrleansDashboardPath);
        }

        return app;
    }

    /// <summary>
    /// <c>/healthz</c>: the process is alive. <c>/readyz</c>: the cluster answers (else 503 and why). <c>/metrics</c>:
    /// Prometheus text of the frontend's meters (ASP.NET Core and sessions; in embedded mode the silo's session meter too;
    /// Orleans' own meter is left out, see <see cref="FrontendMeters"/>).
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        // None of them reads the session: a probe or scraper that sends a session cookie costs no session load.
        app.MapPrometheusScrapingEndpoint(MetricsPath).WithoutSessionPreload();
        app.MapSessionsHealthChecks();
        return app;
    }

    /// <summary>
    /// The cookie-protection key ring: PostgreSQL when a connection string is configured (shared by every frontend),
    /// else a folder, else memory only (cookies then die with the process).
    /// </summary>
    private static void AddCookieKeyRing(WebApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Sessions");
        var keyRingDatabase = builder.GetValidatedOptions<SessionsConnectionStrings>().KeyRing;
        var keyRingPath = builder.GetValidatedOptions<SessionCookieOptions>().KeyRingPath;
        // The secret session ids are hashed with (SessionGrainKey:Secret unless configured) lives with the key ring.
        if (keyRingDatabase is not null)
        {
            builder.Services.AddSessionsPostgresKeyRing(keyRingDatabase);
        }
        else if (string.IsNullOrWhiteSpace(keyRingPath))
        {
            dataProtection.UseEphemeralDataProtectionProvider();
        }
        else
        {
            builder.Services.AddSessionsFileKeyRing(Path.GetFullPath(keyRingPath, builder.Environment.ContentRootPath));
        }
    }
}
