using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sessions.Grains.Interfaces;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.Tests.Fixtures;

namespace Sessions.Tests.Postgres;

/// <summary>Silos started through the Silo's own hosting code (<c>AddSessionsSilo</c>) with everything on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClusteringTests(PostgresFixture fixture)
{
    private const int ActiveStatus = 3;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeSilos_StartTogether_FormOneClusterThroughTheMembershipTable()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        var serviceId = PostgresTestCluster.NewServiceId();
        var silos = Enumerable.Range(0, 3).Select(_ => BuildSilo(db, clusterId, serviceId)).ToList();
        try
        {
            // All three apply the schema on start at once: the advisory lock lets one do it.
            await Task.WhenAll(silos.Select(s => s.StartAsync(Cancel)));

            var statuses = await Sql.ColumnAsync<int>(db,
                "SELECT status FROM sessions_membership WHERE deployment_id = @cluster", Cancel, ("cluster", clusterId));
            Assert.Equal([ActiveStatus, ActiveStatus, ActiveStatus], statuses);

            foreach (var silo in silos)
            {
                await silo.Services.GetRequiredService<IClusterMembershipService>().Refresh(default, Cancel);
            }

            var grains = silos[0].Services.GetRequiredService<IGrainFactory>();
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, Cancel);
            Assert.Equal(3, hosts.Count);

            var session = grains.GetGrain<ISessionGrain>($"s-{Guid.NewGuid():N}");
            Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne("k", [42], createIfMissing: true), Cancel)).Succeeded);
            Assert.Equal(1L, await Sql.ScalarAsync<long>(db,
                "SELECT count(*) FROM sessions_state WHERE service_id = @service", Cancel, ("service", serviceId)));
        }
        finally
        {
            await Task.WhenAll(silos.Select(StopAsync));
        }

        var dead = await Sql.ColumnAsync<int>(db,
            "SELECT status FROM sessions_membership WHERE deployment_id = @cluster", Cancel, ("cluster", clusterId));
        Assert.All(dead, status => Assert.NotEqual(ActiveStatus, status));
    }

    [Fact]
    public async Task Silo_SchemaMissingAndNotApplied_RefusesToStartWithMessage()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        using var silo = BuildSilo(db, $"cluster-{Guid.NewGuid():N}", PostgresTestCluster.NewServiceId(), applySchema: false);

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(() => silo.StartAsync(Cancel));

        Assert.StartsWith("The Sessions schema is missing in PostgreSQL at 127.0.0.1:", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildSilo(string db, string clusterId, string serviceId, bool applySchema = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Membership"] = "AdoNet",
            ["Silo:Storage"] = "PostgreSql",
            ["Silo:Reminders"] = "AdoNet",
            ["ConnectionStrings:Sessions"] = db,
            ["Silo:ApplySchemaOnStart"] = applySchema ? "true" : "false",
            ["Silo:AdvertisedIPAddress"] = "127.0.0.1",
            ["Silo:SiloPort"] = TestPorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = TestPorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = serviceId,
        });
        builder.AddSessionsSilo();
        return builder.Build();
    }

    private static async Task StopAsync(IHost silo)
    {
        using var limit = new CancellationTokenSource(StopTimeout);
        try
        {
            await silo.StopAsync(limit.Token);
        }
        finally
        {
            silo.Dispose();
        }
    }
}
