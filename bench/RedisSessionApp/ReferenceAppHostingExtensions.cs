using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;

namespace Sessions.Bench.RedisSessionApp;

/// <summary>The stock ASP.NET Core session on Redis, configured as the documentation shows, plus the bare mode.</summary>
public static class ReferenceAppHostingExtensions
{
    public const string ModeKey = "Bench:Mode";
    public const string RedisConfigurationKey = "Redis:Configuration";
    public const string KeysPathKey = "DataProtection:KeysPath";

    public static IHostApplicationBuilder AddRedisSession(this IHostApplicationBuilder builder)
    {
        var redis = builder.Configuration[RedisConfigurationKey]
            ?? throw new InvalidOperationException($"{RedisConfigurationKey} is required.");
        builder.Services.AddStackExchangeRedisCache(options =>
        {
            options.Configuration = redis;
            options.InstanceName = "bench:";
        });

        // The session cookie is data-protected; keep the key ring in the run's folder, not in the user's profile.
        if (builder.Configuration[KeysPathKey] is { Length: > 0 } keysPath)
        {
            builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        builder.Services.AddSession();   // stock defaults: 20 min idle timeout, cookie .AspNetCore.Session
        return builder;
    }

    /// <summary><c>/healthz</c> answers once a Redis round trip succeeds, so waiting for it also waits for Redis.</summary>
    public static IEndpointRouteBuilder MapRedisHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IDistributedCache cache, CancellationToken cancellationToken) =>
        {
            await cache.GetAsync("healthz", cancellationToken);
            return TypedResults.Text("ok");
        });
        return app;
    }

    /// <summary>A constant two-byte body at <c>/</c> and <c>/healthz</c>: the cost of Kestrel and routing alone.</summary>
    public static IEndpointRouteBuilder MapBareEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => "ok");
        app.MapGet("/healthz", () => "ok");
        return app;
    }
}
