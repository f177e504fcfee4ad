using System.Text;

namespace Sessions.Tests.Storage;

/// <summary>Write-behind on the real SQLite storage: what a graceful shutdown and what a crash can lose.</summary>
[Collection(SqliteWriteBehindClusterCollection.Name)]
public sealed class SqliteWriteBehindTests(SqliteWriteBehindClusterFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task GracefulShutdown_LosesNoAcknowledgedWrite()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => fixture.NewSession().GetPrimaryKeyString()).ToList();
        foreach (var id in ids)
        {
            var session = fixture.Grains.GetGrain<ISessionGrain>(id);
            Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne("a", Utf8(id), true), Token)).Succeeded);
            Assert.True((await session.IncrementAsync("n", 7, false, Token)).Succeeded);
        }

        var storedBeforeShutdown = await fixture.CountRowsAsync(ids[0]); // not flushed yet: the clock has not moved
        await fixture.RestartAsync(graceful: true);

        Assert.Equal(0, storedBeforeShutdown);
        foreach (var id in ids)
        {
            var snapshot = await fixture.Grains.GetGrain<ISessionGrain>(id).LoadAsync(Token);
            Assert.NotNull(snapshot);
            Assert.Equal(id, Encoding.UTF8.GetString(snapshot.Items["a"]));
            Assert.Equal("7", Encoding.UTF8.GetString(snapshot.Items["n"]));
        }
    }

    [Fact]
    public async Task Crash_LosesOnlyTheWritesOfTheUnflushedInterval()
    {
        var id = fixture.NewSession().GetPrimaryKeyString();
        var session = fixture.Grains.GetGrain<ISessionGrain>(id);
        await session.ApplyAsync(SessionChangeSet.SetOne("flushed", Utf8("1"), true), Token);
        fixture.Time.Advance(ClusterFixture.WriteBehindFlushInterval);
        Assert.True(await Eventually.TrueAsync(async () => await fixture.CountRowsAsync(id) == 1));
        await session.ApplyAsync(SessionChangeSet.SetOne("unflushed", Utf8("2"), false), Token);

        await fixture.RestartAsync(graceful: false);

        var snapshot = await fixture.Grains.GetGrain<ISessionGrain>(id).LoadAsync(Token);
        Assert.Equal(["flushed"], snapshot!.Items.Keys);
    }
}
