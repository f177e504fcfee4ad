using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Sessions.Grains;
using Sessions.Storage;
using Sessions.Tests.Fixtures;

namespace Sessions.Tests.Postgres;

/// <summary>The session store on PostgreSQL (the row store), driven directly through <see cref="ISessionStateStore"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionStateStoreTests(PostgresFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_StaleETag_ThrowsAndKeepsNewerState()
    {
        var (db, cluster) = await StartAsync();
        await using var _ = cluster;
        var store = StoreOf(cluster);
        const string key = "etag-conflict";
        var first = await store.WriteAsync(key, null, new SessionState { UserId = "first" }, null, Cancel);
        var current = await store.WriteAsync(key, first, new SessionState { UserId = "second" }, null, Cancel);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => store.WriteAsync(key, first, new SessionState { UserId = "stale" }, null, Cancel));
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.DeleteAsync(key, first, null, Cancel));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => store.WriteAsync(key, null, new SessionState { UserId = "new" }, null, Cancel));

        var read = await store.ReadAsync(key, Cancel);
        Assert.Equal("second", read!.State.UserId);
        Assert.Equal(current, read.ETag);
        Assert.Equal(1, (int)await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM sessions_state", Cancel));
    }

    [Fact]
    public async Task Write_ConcurrentFirstWrites_OneWinsOneRow()
    {
        var (db, cluster) = await StartAsync();
        await using var _ = cluster;
        var store = StoreOf(cluster);

        var writes = Enumerable.Range(0, 8).Select(i =>
            store.WriteAsync("first-write-race", null, new SessionState { UserId = $"w{i}" }, null, Cancel)).ToList();
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
        Assert.Equal(1, (int)await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM sessions_state", Cancel));
    }

    [Fact]
    public async Task RoundTrip_ReadsBackThenDeletesRow()
    {
        var (db, cluster) = await StartAsync();
        await using var _ = cluster;
        var store = StoreOf(cluster);
        string[] keys = ["a-string-key", "another+key/with=signs", new string('k', 64)];

        foreach (var key in keys)
        {
            var etag = await store.WriteAsync(key, null, new SessionState { UserId = key }, null, Cancel);
            await store.WriteAsync(key, etag, new SessionState { UserId = key }, null, Cancel);
        }

        Assert.Equal(keys.Length, (int)await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM sessions_state", Cancel));
        foreach (var key in keys)
        {
            var read = await store.ReadAsync(key, Cancel);
            Assert.NotNull(read);
            Assert.Equal(key, read.State.UserId);
            Assert.Equal("2", read.ETag);

            await store.DeleteAsync(key, read.ETag, null, Cancel);
            Assert.Null(await store.ReadAsync(key, Cancel));
        }

        Assert.Equal(0, (int)await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM sessions_state", Cancel));
    }

    private async Task<(string Db, InProcessTestCluster Cluster)> StartAsync()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        await PostgresSchema.ApplyAsync(db, Cancel);
        var cluster = await PostgresTestCluster.StartAsync(
            PostgresTestCluster.NewServiceId(), silo => silo.AddSessionsPostgresStorage(db), Cancel);
        return (db, cluster);
    }

    private static ISessionStateStore StoreOf(InProcessTestCluster cluster) =>
        cluster.Silos[0].ServiceProvider.GetRequiredService<ISessionStateStore>();
}
