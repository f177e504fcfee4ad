namespace Sessions.Tests.Grains;

/// <summary>An increment carries an operation id: retried (as after a failover) it counts once, even in a new activation.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class IncrementOnceTests(SqliteClusterFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnIncrementRetried_WithItsOperationId_CountsOnce_AlsoAfterTheSessionLeftMemory()
    {
        var session = fixture.NewSession();
        var operation = Guid.NewGuid();

        var first = await session.IncrementOnceAsync("n", 5, createIfMissing: true, operation, Token);
        var retried = await session.IncrementOnceAsync("n", 5, createIfMissing: true, operation, Token);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, Token);
        var retriedAfterReactivation = await session.IncrementOnceAsync("n", 5, createIfMissing: true, operation, Token);
        var next = await session.IncrementOnceAsync("n", 5, createIfMissing: true, Guid.NewGuid(), Token);

        Assert.Equal((5L, 5L, 5L, 10L), (first.Value, retried.Value, retriedAfterReactivation.Value, next.Value));
        Assert.Equal("10", System.Text.Encoding.ASCII.GetString((await session.GetValueAsync("n", Token))!.Value.Span));
    }

    [Fact]
    public async Task OnlyTheLastFewOperations_AreRemembered()
    {
        var session = fixture.NewSession();
        var oldest = Guid.NewGuid();
        await session.IncrementOnceAsync("n", 1, createIfMissing: true, oldest, Token);
        for (var i = 0; i < 8; i++)
        {
            await session.IncrementOnceAsync("n", 1, createIfMissing: true, Guid.NewGuid(), Token);
        }

        var replayedTooLate = await session.IncrementOnceAsync("n", 1, createIfMissing: true, oldest, Token);

        Assert.Equal(10, replayedTooLate.Value); // forgotten after 8 newer ones: the bound keeps sessions small
    }
}
