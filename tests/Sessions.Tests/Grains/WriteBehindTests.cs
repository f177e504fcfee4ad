using System.Text;

namespace Sessions.Tests.Grains;

/// <summary>Write-behind: writes are acknowledged from memory and coalesced into one storage write per interval.</summary>
[Collection(ProbedWriteBehindClusterCollection.Name)]
public sealed class WriteBehindTests(ProbedWriteBehindClusterFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writes_1000WithinOneInterval_CoalesceIntoAtMostAFewStorageWrites()
    {
        var session = fixture.NewSession();
        var grain = session.GetGrainId(); // counted per session: other sessions of the shared cluster flush too

        for (var i = 0; i < 1000; i++)
        {
            var result = await session.ApplyAsync(
                SessionChangeSet.SetOne($"k{i % 50}", Encoding.UTF8.GetBytes($"{i}"), createIfMissing: i == 0), Token);
            Assert.True(result.Succeeded);
        }

        var beforeFlush = fixture.Storage.WritesCompletedOf(grain);
        var snapshot = await session.LoadAsync(Token);
        fixture.Time.Advance(ClusterFixture.WriteBehindFlushInterval);
        await fixture.Storage.WaitForWritesCompletedAsync(grain, 1, Token).WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.Equal(0, beforeFlush);
        Assert.Equal("999", Encoding.UTF8.GetString(snapshot!.Items["k49"]));
        Assert.InRange(fixture.Storage.WritesCompletedOf(grain), 1, 2);
    }

    [Fact]
    public async Task Write_IsAcknowledgedBeforeStorageIsWritten()
    {
        var session = fixture.NewSession();
        fixture.Storage.HoldWrites();
        try
        {
            var result = await session.ApplyAsync(SessionChangeSet.SetOne("k", [1], createIfMissing: true), Token);

            Assert.True(result.Succeeded);
            Assert.False(fixture.Storage.WriteStarted.IsCompleted);
        }
        finally
        {
            fixture.Storage.ReleaseWrites();
        }
    }

    [Fact]
    public async Task AFlushWaitingForStorage_DelaysNoRequest_AndWhatChangedMeanwhileGoesIntoTheNextFlush()
    {
        var session = fixture.NewSession();
        await session.ApplyAsync(SessionChangeSet.SetOne("a", [1], createIfMissing: true), Token);
        var grain = session.GetGrainId();
        using var tickEnded = OrleansEvents.TimerTickEnded(grain);
        fixture.Storage.HoldWrites();
        try
        {
            fixture.Time.Advance(ClusterFixture.WriteBehindFlushInterval);
            await fixture.Storage.WriteStarted.WaitAsync(Token); // the flush now waits for storage

            // Bounded: a flush that held the session's turn would keep these calls waiting until storage answers.
            var write = await session.ApplyAsync(SessionChangeSet.SetOne("b", [2], createIfMissing: false), Token)
                .AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token);
            var read = await session.GetValueAsync("a", Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token);

            Assert.True(write.Succeeded);
            Assert.Equal([1], read!.Value.ToArray());
            Assert.Equal(0, fixture.Storage.WritesCompletedOf(grain));
        }
        finally
        {
            fixture.Storage.ReleaseWrites();
        }

        await fixture.Storage.WaitForWritesCompletedAsync(grain, 1, Token);

        // The next flush is due one interval after this one ends: time may only move once the timer is armed again.
        await tickEnded.Raised.WaitAsync(TimeSpan.FromSeconds(10), Token);
        await session.GetValueAsync("a", Token); // runs after the turn that re-arms the timer
        fixture.Time.Advance(ClusterFixture.WriteBehindFlushInterval);
        await fixture.Storage.WaitForWritesCompletedAsync(grain, 2, Token).WaitAsync(TimeSpan.FromSeconds(10), Token);
    }
}
