using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Sessions.Silo;
using Sessions.WebFrontend.Health;

namespace Sessions.WebFrontend.Hosting;

public static class FrontendHostingExtensions
{
    /// <summary>Environment name under which tests supply the cluster themselves.</summary>
    public const string TestingEnvironment = "Testing";

    /// <summary>
    /// Connects the frontend to session grains: a co-hosted silo (<c>Frontend:Mode=Embedded</c>, the default) or an
    /// Orleans client of separate silos (<c>Client</c>). Skipped in the Testing environment.
    /// </summary>
    public static WebApplicationBuilder AddSessionsCluster(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsEnvironment(TestingEnvironment))
        {
            return builder;
        }

        var options = builder.Configuration.GetSection(FrontendOptions.SectionName).Get<FrontendOptions>() ?? new FrontendOptions();
        switch (options.Mode)
        {
            case FrontendMode.Embedded:
                builder.AddSessionsSilo();
                break;
            case FrontendMode.Client:
                builder.UseOrleansClient(client =>
                {
                    client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
                    client.Configure<ClusterOptions>(cluster =>
                    {
                        cluster.ServiceId = options.ServiceId;
                        cluster.ClusterId = options.ClusterId;
                    });
                });
                break;
            default:
                throw new OptionsValidationException(FrontendOptions.SectionName, typeof(FrontendOptions),
                    [$"Frontend:Mode '{options.Mode}' is not one of {string.Join(", ", Enum.GetNames<FrontendMode>())}."]);
        }

        return builder;
    }

    /// <summary>Orleans-backed sessions with a persisted cookie key ring, problem details and health checks.</summary>
    public static WebApplicationBuilder AddSessionFrontend(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOrleansSessions();
        var cookie = builder.Configuration.GetSection(SessionCookieOptions.SectionName).Get<SessionCookieOptions>() ?? new SessionCookieOptions();
        var dataProtection = services.AddDataProtection().SetApplicationName("Sessions");
        if (string.IsNullOrWhiteSpace(cookie.KeyRingPath))
        {
            dataProtection.UseEphemeralDataProtectionProvider();
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(cookie.KeyRingPath, builder.Environment.ContentRootPath)));
        }

        services.AddProblemDetails();
        services.AddExceptionHandler<SessionExceptionHandler>();
        services.AddHealthChecks().AddCheck<ClusterReadyHealthCheck>("cluster", tags: ["ready"]);
        return builder;
    }

    /// <summary>Error handling and the session middleware (backed by Orleans), ahead of the endpoints.</summary>
    public static WebApplication UseSessionFrontend(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseSession();
        return app;
    }

    /// <summary><c>/healthz</c>: the process is alive. <c>/readyz</c>: the cluster answers.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
