namespace Sessions.Tests.Analytics;

/// <summary>
/// Session lifecycle events from the SQLite outbox: none lost while the consumer is down, an expiry found by the purge
/// of a deactivated session reported once, with its exact end time.
/// </summary>
[Collection(EventsClusterCollection.Name)]
public sealed class SessionEventsTests(EventsClusterFixture fixture)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EverySessionEnd_IsReported_WhenTheConsumerWasDownMidStream()
    {
        var sessions = Enumerable.Range(0, 20).Select(_ => fixture.NewSession()).ToList();
        foreach (var session in sessions)
        {
            Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne("cart", [1], createIfMissing: true), Token)).Succeeded);
        }

        var handles = sessions.Select(s => SessionFingerprint.PublicId(s.GetPrimaryKeyString())).ToHashSet();
        await fixture.DispatchAsync();
        await EndAsync(sessions[..7]);
        await fixture.DispatchAsync();

        fixture.Events.Down = true; // mid-stream: 7 ends delivered, 13 to come
        await EndAsync(sessions[7..15]);
        Assert.Equal(0, await fixture.DispatchAsync());
        await EndAsync(sessions[15..]);
        Assert.Equal(0, await fixture.DispatchAsync());
        fixture.Events.Down = false;
        await fixture.DispatchAsync();

        Assert.True(fixture.Events.FailedDeliveries >= 2);
        var received = fixture.Events.Received.Where(e => handles.Contains(e.SessionHandle)).ToList();
        var ends = received.Where(e => e.Kind == SessionEventKind.Ended).DistinctBy(e => e.Sequence).ToList();
        Assert.Equal(handles.Order(), ends.Select(e => e.SessionHandle).Order());
        Assert.All(ends, e => Assert.Equal(SessionEndReason.Destroyed, e.Reason));
        Assert.Equal(handles.Order(), received.Where(e => e.Kind == SessionEventKind.Started).Select(e => e.SessionHandle).Distinct().Order());
        Assert.Equal(20, ends.Select(e => e.SessionHandle).Distinct().Count()); // one end per session, however often delivered
    }

    [Fact]
    public async Task AnExpiredSessionWhoseGrainWasDeactivated_IsReportedOnce_WithTheTimeItExpired()
    {
        var session = fixture.NewSession();
        var handle = SessionFingerprint.PublicId(session.GetPrimaryKeyString());
        Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne("cart", [1], createIfMissing: true), Token)).Succeeded);
        fixture.Time.Advance(TimeSpan.FromMinutes(3));
        var lastAccess = fixture.Time.GetUtcNow();
        await session.LoadAsync(Token);
        var visits = fixture.Calls.CompletedCallsTo(nameof(ISessionGrain.RecordVisitAsync));
        await session.RecordVisitAsync(new SessionVisit("/shop", IsPageView: true));
        // One-way: Orleans does not order it before later calls. Arriving after the deactivation below, it would
        // reactivate the grain, whose expiry timer would then end the session before the purge could.
        await fixture.Calls.CompletedAsync(nameof(ISessionGrain.RecordVisitAsync), visits + 1).WaitAsync(TimeSpan.FromSeconds(10), Token);
        await fixture.DeactivateAsync(session, Token); // stores the last access

        fixture.Time.Advance(Idle + TimeSpan.FromMinutes(5));

        Assert.True(await fixture.PurgeEveryRowAsync() >= 1);
        Assert.Null(await session.GetInfoAsync(Token)); // reactivated: no row, so nothing more to report
        await fixture.DispatchAsync();

        var end = Assert.Single(fixture.Events.Received, e => e.SessionHandle == handle && e.Kind == SessionEventKind.Ended);
        Assert.Equal(SessionEndReason.IdleTimeout, end.Reason);
        Assert.Equal(lastAccess + Idle, end.OccurredAt);
        Assert.Equal(TimeSpan.FromMinutes(3) + Idle, end.Duration);
        Assert.Equal(1, end.PageViews);
    }

    private static async Task EndAsync(IEnumerable<ISessionGrain> sessions)
    {
        foreach (var session in sessions)
        {
            await session.DestroyAsync(Token);
        }
    }
}
