using System.Net;
using System.Text;

namespace Sessions.Tests.Grains;

/// <summary>Write-through (the default): reads cost no storage write, a write is acknowledged after storage confirms.</summary>
[Collection(ProbedClusterCollection.Name)]
public sealed class WriteThroughTests(ProbedClusterFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadOnlyRequests_1000_CauseNoStorageWrite()
    {
        await using var factory = new FrontendFactory(fixture, ClientWritableTestKeys.Settings());
        using var client = factory.CreateSessionClient();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/cart", "[1,2,3]")).StatusCode);
        var writes = fixture.Storage.WritesStarted;
        var reads = fixture.Storage.Reads;

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session/items/cart")).StatusCode);
        }

        Assert.Equal(writes, fixture.Storage.WritesStarted);
        Assert.Equal(reads, fixture.Storage.Reads); // served from the grain's memory
    }

    [Fact]
    public async Task Write_IsAcknowledgedOnlyAfterStorageConfirms()
    {
        var session = fixture.NewSession();
        fixture.Storage.HoldWrites();
        try
        {
            var write = session.ApplyAsync(SessionChangeSet.SetOne("k", [1], createIfMissing: true), Token).AsTask();
            await fixture.Storage.WriteStarted.WaitAsync(Token);

            // Storage holds the write: the caller must still be waiting (given ample time to answer if it would).
            Assert.NotSame(write, await Task.WhenAny(write, Task.Delay(TimeSpan.FromMilliseconds(200), Token)));

            fixture.Storage.ReleaseWrites();
            Assert.True((await write).Succeeded);
            Assert.Equal(1, fixture.Storage.WritesCompletedOf(session.GetGrainId()));
        }
        finally
        {
            fixture.Storage.ReleaseWrites();
        }
    }

    [Fact]
    public async Task Read_PersistsLastAccess_OnlyOnceItDriftedBeyondTheFraction()
    {
        var session = fixture.NewSession();
        await session.ApplyAsync(SessionChangeSet.SetOne("k", Encoding.UTF8.GetBytes("v"), true), Token);
        var writes = fixture.Storage.WritesStarted;

        fixture.Time.Advance(TimeSpan.FromMinutes(4)); // a quarter of 20 min is 5 min: not yet
        await session.LoadAsync(Token);
        var afterSmallDrift = fixture.Storage.WritesStarted;
        fixture.Time.Advance(TimeSpan.FromMinutes(2)); // 6 min since the persisted access
        await session.LoadAsync(Token);
        var afterLargeDrift = fixture.Storage.WritesStarted;
        await session.LoadAsync(Token);

        Assert.Equal(writes, afterSmallDrift);
        Assert.Equal(writes + 1, afterLargeDrift);
        Assert.Equal(afterLargeDrift, fixture.Storage.WritesStarted);
    }
}
