using System.Buffers.Text;
using System.Security.Cryptography;
using Sessions.Grains.Interfaces;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.Tests.Fixtures;

namespace Sessions.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionPersistenceTests(PostgresFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Session_ClusterRestarted_ReadsBackAndDestroyDeletesRow()
    {
        const SessionStorageEngine engine = SessionStorageEngine.Sessions;
        var db = await fixture.CreateDatabaseAsync(Cancel);
        await PostgresSchema.ApplyAsync(db, Cancel);
        var serviceId = PostgresTestCluster.NewServiceId();
        var sessionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        void Configure(ISiloBuilder silo) => silo.AddSessionsPostgresStorage(db, engine);

        await using (var cluster = await PostgresTestCluster.StartAsync(serviceId, Configure, Cancel))
        {
            var written = await cluster.Client.GetGrain<ISessionGrain>(sessionId)
                .ApplyAsync(SessionChangeSet.SetOne("cart", [1, 2, 3], createIfMissing: true), Cancel);
            Assert.True(written.Succeeded);
        }

        Assert.Equal(1, await StoredRows.CountAsync(db, engine, serviceId, sessionId, Cancel));

        await using (var cluster = await PostgresTestCluster.StartAsync(serviceId, Configure, Cancel))
        {
            var grain = cluster.Client.GetGrain<ISessionGrain>(sessionId);
            var snapshot = await grain.LoadAsync(Cancel);
            Assert.NotNull(snapshot);
            Assert.Equal([1, 2, 3], snapshot.Items["cart"].ToArray());

            await grain.DestroyAsync(Cancel);
            Assert.Equal(0, await StoredRows.CountAsync(db, engine, serviceId, sessionId, Cancel));
        }

        await using (var cluster = await PostgresTestCluster.StartAsync(serviceId, Configure, Cancel))
        {
            Assert.Null(await cluster.Client.GetGrain<ISessionGrain>(sessionId).LoadAsync(Cancel));
        }
    }
}
