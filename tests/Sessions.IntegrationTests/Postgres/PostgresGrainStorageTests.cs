using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Sessions.Grains;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.Tests.Fixtures;

namespace Sessions.Tests.Postgres;

/// <summary>Both storage engines on PostgreSQL (ours, and Orleans' ADO.NET storage on our queries), driven directly through <see cref="IGrainStorage"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SessionStorageEngine.Sessions)]
    public async Task Write_StaleETag_ThrowsAndKeepsNewerState(SessionStorageEngine engine)
    {
        var (db, cluster) = await StartAsync(engine);
        await using var _ = cluster;
        var storage = StorageOf(cluster);
        var id = GrainId.Create("sessions-test", "etag-conflict");
        var current = new GrainState<SessionState>(new SessionState { UserId = "first" });
        await storage.WriteStateAsync(SessionStorage.StateName, id, current, Cancel);
        var stale = new GrainState<SessionState>(new SessionState { UserId = "stale" }, current.ETag);
        current.State!.UserId = "second";
        await storage.WriteStateAsync(SessionStorage.StateName, id, current, Cancel);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(SessionStorage.StateName, id, stale, Cancel));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(SessionStorage.StateName, id, stale, Cancel));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(
            SessionStorage.StateName, id, new GrainState<SessionState>(new SessionState { UserId = "new" }), Cancel));

        var read = new GrainState<SessionState>();
        await storage.ReadStateAsync(SessionStorage.StateName, id, read, Cancel);
        Assert.Equal("second", read.State!.UserId);
        Assert.Equal(current.ETag, read.ETag);
        Assert.Equal(1, (int)await Sql.ScalarAsync<long>(db, $"SELECT count(*) FROM {StoredRows.Table(engine)}", Cancel));
    }

    [Theory]
    [InlineData(SessionStorageEngine.Sessions)]
    public async Task Write_ConcurrentFirstWrites_OneWinsOneRow(SessionStorageEngine engine)
    {
        var (db, cluster) = await StartAsync(engine);
        await using var _ = cluster;
        var storage = StorageOf(cluster);
        var id = GrainId.Create("sessions-test", "first-write-race");

        var writes = Enumerable.Range(0, 8).Select(i => storage.WriteStateAsync(
            SessionStorage.StateName, id, new GrainState<SessionState>(new SessionState { UserId = $"w{i}" }), Cancel)).ToList();
        var outcome = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(outcome, won => won);
        Assert.Equal(1, (int)await Sql.ScalarAsync<long>(db, $"SELECT count(*) FROM {StoredRows.Table(engine)}", Cancel));
    }

    [Theory]
    [InlineData(SessionStorageEngine.Sessions)]
    public async Task RoundTrip_EveryKeyKind_ReadsBackThenDeletesRow(SessionStorageEngine engine)
    {
        var (db, cluster) = await StartAsync(engine);
        await using var _ = cluster;
        var storage = StorageOf(cluster);
        var type = GrainType.Create("sessions-test");
        var ids = new Dictionary<string, GrainId>
        {
            ["string"] = GrainId.Create(type, "a-string-key"),
            ["guid"] = GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid())),
            ["guid+ext"] = GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "ext")),
            ["integer"] = GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(42)),
            ["integer+ext"] = GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(42, "ext")),
        };

        foreach (var (kind, id) in ids)
        {
            var state = new GrainState<SessionState>(new SessionState { UserId = kind });
            await storage.WriteStateAsync(SessionStorage.StateName, id, state, Cancel);
            await storage.WriteStateAsync(SessionStorage.StateName, id, state, Cancel);
        }

        Assert.Equal(ids.Count, (int)await Sql.ScalarAsync<long>(db, $"SELECT count(*) FROM {StoredRows.Table(engine)}", Cancel));
        foreach (var (kind, id) in ids)
        {
            var read = new GrainState<SessionState>();
            await storage.ReadStateAsync(SessionStorage.StateName, id, read, Cancel);
            Assert.True(read.RecordExists, kind);
            Assert.Equal(kind, read.State!.UserId);
            Assert.Equal("2", read.ETag);

            await storage.ClearStateAsync(SessionStorage.StateName, id, read, Cancel);
            var gone = new GrainState<SessionState>();
            await storage.ReadStateAsync(SessionStorage.StateName, id, gone, Cancel);
            Assert.False(gone.RecordExists, kind);
            Assert.Null(gone.ETag);
        }

        Assert.Equal(0, (int)await Sql.ScalarAsync<long>(db, $"SELECT count(*) FROM {StoredRows.Table(engine)}", Cancel));
    }

    private async Task<(string Db, InProcessTestCluster Cluster)> StartAsync(SessionStorageEngine engine)
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        await PostgresSchema.ApplyAsync(db, Cancel);
        var cluster = await PostgresTestCluster.StartAsync(
            PostgresTestCluster.NewServiceId(), silo => silo.AddSessionsPostgresStorage(db, engine), Cancel);
        return (db, cluster);
    }

    private static IGrainStorage StorageOf(InProcessTestCluster cluster) =>
        cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SessionStorage.ProviderName);
}
