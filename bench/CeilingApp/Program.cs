using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using Sessions.AspNetCore;
using Sessions.Bench.CeilingApp;

// The ceiling of a local session read: the WebFrontend's middleware pipeline and cookie validation in front of a
// dictionary of sessions in this process, no Orleans. bench/README.md lists what it includes and excludes.
var builder = WebApplication.CreateBuilder(args);

// The sessions live as long as the process, so a secret of its own will do (the WebFrontend fails its start without one).
builder.Configuration["SessionGrainKey:Secret"] ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

builder.Services.AddOrleansSessions();   // options, SessionSecrets + loader, SessionCookie, cross-site judge, problem details
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
builder.Services.AddSingleton<CeilingSessions>();
builder.Services.AddRateLimiter(_ => { });   // no policy on the session API, as in the WebFrontend (it has the login's only)
builder.Services.AddHealthChecks();
foreach (var meter in FrontendMeters.Names)
{
    builder.Metrics.EnableMetrics(meter, instrumentName: null, listenerName: null, scopes: MeterScope.Local);
}

builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
    metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

var app = builder.Build();

// The order of the WebFrontend's UseSessionFrontend(); UseOrleansSessions() and the visit recording have no stand-in
// here: the read endpoint is mapped without session preload, so the real middleware does no session work before the
// handler, and the handler below does the cookie validation and the lookup itself.
app.UseKnownProxies();
app.UseCrossSiteRequestRefusal();
app.UseMiddleware<CeilingResponseHeaders>();
app.UseStaticFiles();
app.UseExceptionHandler();
app.UseSessionsConnectionGate();
app.UseRateLimiter();

app.MapCeilingSessionEndpoints();
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapHealthChecks("/healthz");
app.Run();
