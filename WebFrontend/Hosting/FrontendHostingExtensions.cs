using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
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

        var options = LoadFrontendOptions(builder.Configuration);
        if (options.Mode == FrontendMode.Embedded)
        {
            builder.AddSessionsSilo();
        }
        else
        {
            builder.AddSessionsOrleansClient(options);
        }

        return builder;
    }

    /// <summary>Orleans-backed sessions with a shared, persisted cookie key ring, problem details and health checks.</summary>
    public static WebApplicationBuilder AddSessionFrontend(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOrleansSessions();
        AddCookieKeyRing(builder);
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

    internal static FrontendOptions LoadFrontendOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(FrontendOptions.SectionName).Get<FrontendOptions>() ?? new FrontendOptions();
        var errors = options.Validate();
        return errors.Count == 0
            ? options
            : throw new OptionsValidationException(FrontendOptions.SectionName, typeof(FrontendOptions), errors);
    }

    /// <summary>
    /// The cookie-protection key ring: PostgreSQL when a connection string is configured (shared by every frontend),
    /// else a folder, else memory only (cookies then die with the process).
    /// </summary>
    private static void AddCookieKeyRing(WebApplicationBuilder builder)
    {
        var cookie = builder.Configuration.GetSection(SessionCookieOptions.SectionName).Get<SessionCookieOptions>() ?? new SessionCookieOptions();
        var frontend = builder.Configuration.GetSection(FrontendOptions.SectionName).Get<FrontendOptions>() ?? new FrontendOptions();
        var connectionString = string.IsNullOrWhiteSpace(cookie.KeyRingConnectionString)
            ? frontend.PostgresConnectionString
            : cookie.KeyRingConnectionString;
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Sessions");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(connectionString));
            builder.Services.AddHostedService(_ => new PostgresKeyRingCheck(connectionString));
        }
        else if (string.IsNullOrWhiteSpace(cookie.KeyRingPath))
        {
            dataProtection.UseEphemeralDataProtectionProvider();
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(cookie.KeyRingPath, builder.Environment.ContentRootPath)));
        }
    }
}
