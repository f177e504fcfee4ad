using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.WebFrontend.Analytics;
using Sessions.WebFrontend.Auth;
using Sessions.AspNetCore;
using Sessions.WebFrontend.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddSessionsCluster();    // co-hosted silo (embedded) or Orleans client, per Frontend:Mode
    builder.AddSessionFrontend();    // cookie + key ring, per-request session, problem details, health checks
    builder.Services.AddOpenApi();   // /openapi/v1.json, committed as docs/openapi/v1.json

    var app = builder.Build();
    app.UseSessionFrontend();
    app.MapSessionEndpoints();                    // browser-facing: only SessionApi's client-writable keys
    app.MapSessionServerEndpointsIfConfigured();  // server-to-server: only with SessionServerApi:Tokens set
    app.MapAuthEndpoints();
    app.MapSessionPages();
    app.MapAnalyticsEndpoints();
    app.MapHealthEndpoints();
    app.MapOrleansDashboardIfEnabled();
    app.MapOpenApi().WithoutSessionPreload();
    app.Run();
    return 0;
}
catch (Exception exception) when (StartupFailure.Describe(exception) is { } message)
{
    // A configuration or schema problem is the operator's to fix: one message naming the key, not a stack trace.
    Console.Error.WriteLine($"Sessions.WebFrontend: {message}");
    return 1;
}

/// <summary>Entry point; public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
