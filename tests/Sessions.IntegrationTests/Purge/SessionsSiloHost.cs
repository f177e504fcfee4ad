using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Purge;

/// <summary>A silo hosted exactly as the Silo executable and the embedded WebFrontend host it (<c>AddSessionsSilo</c>).</summary>
internal sealed class SessionsSiloHost : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private SessionsSiloHost(IHost host, LogRecorder log)
    {
        Host = host;
        Log = log;
    }

    public IHost Host { get; }

    public LogRecorder Log { get; }

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Builds and starts a silo from <paramref name="settings"/>. With <paramref name="grainClock"/> the grains see that
    /// clock while Orleans' own background work stays on real time.
    /// </summary>
    public static async Task<SessionsSiloHost> StartAsync(
        IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken, TimeProvider? grainClock = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        var log = new LogRecorder();
        builder.Logging.AddProvider(log)
            .AddFilter("Sessions", LogLevel.Debug)
            .AddFilter("Orleans", LogLevel.Warning)
            .AddFilter("Microsoft", LogLevel.Warning);
        builder.AddSessionsSilo();
        if (grainClock is not null)
        {
            builder.Services.AddSingleton(grainClock);
            builder.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        }

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new SessionsSiloHost(host, log);
    }

    /// <summary>Graceful stop: the silo leaves the cluster and its grains deactivate.</summary>
    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(StopTimeout);
        try
        {
            await Host.StopAsync(limit.Token);
        }
        finally
        {
            Host.Dispose();
        }
    }
}
