using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Sessions.Grains;

namespace Sessions.Tests.Postgres;

/// <summary>In-process Orleans test clusters whose silos keep their data in the test PostgreSQL.</summary>
internal static class PostgresTestCluster
{
    /// <summary>
    /// Starts <paramref name="silos"/> silos with the session grains and whatever <paramref name="configure"/> adds.
    /// Keep <paramref name="serviceId"/> across restarts: stored rows are scoped by it.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(
        string serviceId, Action<ISiloBuilder> configure, CancellationToken cancellationToken, short silos = 1)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSessionGrains();
            configure(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync(cancellationToken);
        return cluster;
    }

    /// <summary>A fresh ServiceId, so tests sharing a database never see each other's rows.</summary>
    public static string NewServiceId() => $"svc-{Guid.NewGuid():N}";
}
