using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Tests.Scaling;

/// <summary>
/// A session moved to another silo by live migration (as the rebalancer and a graceful shutdown move them) keeps its
/// state without a storage read; write-behind changes not stored yet arrive too.
/// </summary>
[Collection(ProbedWriteBehindClusterCollection.Name)]
public sealed class LiveMigrationTests(ProbedWriteBehindClusterFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMigratedSession_KeepsItsUnstoredChanges_AndItsNewActivationReadsNothing()
    {
        var session = fixture.NewSession();
        Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne("cart", [1, 2, 3], createIfMissing: true), Token)).Succeeded);
        var (from, grain) = Locate(session);
        var readsBefore = fixture.Storage.Reads;

        var to = fixture.Cluster.Silos.First(silo => silo != from);
        grain.MigrateAway(to.SiloAddress);
        var value = await session.GetValueAsync("cart", Token);

        Assert.Equal([1, 2, 3], value!.Value.Span.ToArray());
        Assert.Equal(readsBefore, fixture.Storage.Reads); // the state travelled with the activation
        Assert.DoesNotContain(grain, Activations(from).Snapshot());
        Assert.Contains(Activations(to).Snapshot(), g => g.GetPrimaryKeyString() == session.GetPrimaryKeyString());
    }

    [Fact]
    public async Task ASessionMigratedWhileStorageFails_KeepsItsUnstoredChanges_AndStoresThemOnceStorageIsBack()
    {
        var session = fixture.NewSession();
        fixture.Storage.FailWrites(); // before the change, so no flush can store it ahead of the move
        try
        {
            Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne("cart", [4, 5, 6], createIfMissing: true), Token)).Succeeded);
            var (from, grain) = Locate(session);
            var to = fixture.Cluster.Silos.First(silo => silo != from);
            grain.MigrateAway(to.SiloAddress);
            var value = await session.GetValueAsync("cart", Token);
            Assert.NotNull(value); // null: the unstored change was lost with the migration
            Assert.Equal([4, 5, 6], value.Value.Span.ToArray());
            Assert.Contains(Activations(to).Snapshot(), g => g.GetPrimaryKeyString() == session.GetPrimaryKeyString());
        }
        finally
        {
            fixture.Storage.StopFailingWrites();
        }

        fixture.Time.Advance(ClusterFixture.WriteBehindFlushInterval);
        await fixture.Storage.WaitForWritesCompletedAsync(session.GetGrainId(), 1, Token); // the new activation's write-behind flush
        Assert.Equal(1, fixture.Storage.WritesCompletedOf(session.GetGrainId()));
    }

    private (Orleans.TestingHost.InProcessSiloHandle Silo, Sessions.Grains.SessionGrain Grain) Locate(ISessionGrain session)
    {
        foreach (var silo in fixture.Cluster.Silos)
        {
            if (Activations(silo).Snapshot().FirstOrDefault(g => g.GetPrimaryKeyString() == session.GetPrimaryKeyString()) is { } grain)
            {
                return (silo, grain);
            }
        }

        throw new InvalidOperationException("The session is active on no silo.");
    }

    private static Sessions.Grains.SessionActivations Activations(Orleans.TestingHost.InProcessSiloHandle silo) =>
        silo.ServiceProvider.GetRequiredService<Sessions.Grains.SessionActivations>();
}
