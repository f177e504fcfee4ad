using Sessions.WebFrontend.Endpoints;
using Sessions.WebFrontend.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSessionsCluster();    // co-hosted silo (embedded) or Orleans client, per Frontend:Mode
builder.AddSessionFrontend();    // cookie + key ring, per-request session, problem details, health checks

var app = builder.Build();
app.UseSessionFrontend();
app.MapSessionEndpoints();
app.MapHealthEndpoints();
app.Run();

/// <summary>Entry point; public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
