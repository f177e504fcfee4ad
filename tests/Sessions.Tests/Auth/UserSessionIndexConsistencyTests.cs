using System.Text.Json;

namespace Sessions.Tests.Auth;

/// <summary>
/// The per-user index never loses a live session, whatever order the sessions' one-way notices arrive in and whether
/// storing one of them failed: it stays listed under its current key, counted toward the limit and ended by sign-out
/// everywhere and by an administrator's end of the user.
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed class UserSessionIndexConsistencyTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoginRacingARenewal_LateMoveNotice_SessionStaysListedUnderItsCurrentKey()
    {
        var user = NewUser();
        var raced = await SignInRacingARenewalAsync(user);

        var listed = await Index(user).ListAsync(Ct);

        Assert.Contains(listed, s => s.Handle == raced.Handle);
        Assert.Equal(raced.CurrentKey, StoredKeyOf(await cluster.StoredIndexAsync(user), raced.Handle));
    }

    [Fact]
    public async Task LoginRacingARenewal_LateMoveNotice_SessionCountsTowardTheLimit()
    {
        var user = NewUser();
        var raced = await SignInRacingARenewalAsync(user);

        for (var i = 0; i < AuthClusterFixture.MaxSessionsPerUser; i++)
        {
            cluster.Time.Advance(TimeSpan.FromSeconds(1)); // the raced session stays the oldest
            await Index(user).SignInAsync(null, NewKey(), Login(user), Ct);
        }

        Assert.Null(await Session(raced.CurrentKey).DescribeAsync(Ct)); // evicted, as the oldest beyond the limit
        Assert.Equal(AuthClusterFixture.MaxSessionsPerUser, (await Index(user).ListAsync(Ct)).Count);
    }

    [Fact]
    public async Task LoginRacingARenewal_LateMoveNotice_SignOutEverywhereEndsTheSession()
    {
        var user = NewUser();
        var raced = await SignInRacingARenewalAsync(user);
        var otherDevice = await Index(user).SignInAsync(null, NewKey(), Login(user), Ct);

        await Index(user).EndAllAsync(otherDevice.Handle, SessionEndReason.Revoked, Ct);

        Assert.Null(await Session(raced.CurrentKey).DescribeAsync(Ct));
        Assert.Equal(otherDevice.Handle, Assert.Single(await Index(user).ListAsync(Ct)).Handle);
    }

    [Fact]
    public async Task LoginRacingARenewal_LateMoveNotice_AdminEndOfTheUserEndsTheSession()
    {
        var user = NewUser();
        var raced = await SignInRacingARenewalAsync(user);

        await Index(user).EndAllAsync(exceptHandle: null, SessionEndReason.AdminEnded, Ct);

        Assert.Null(await Session(raced.CurrentKey).DescribeAsync(Ct));
        Assert.Empty(await Index(user).ListAsync(Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the index then knows only the stored key, renewed away from
    public async Task MoveNoticeLostToAStorageFailure_TheNextListStoresTheCurrentKey(bool indexDeactivatedBeforeTheList)
    {
        var user = NewUser();
        var (first, renewed) = (NewKey(), NewKey());
        var handle = (await Index(user).SignInAsync(null, first, Login(user), Ct)).Handle;
        cluster.DirectoryStorage.FailWrites();
        try
        {
            await RenewAsync(first, renewed);
            await cluster.IndexNotices.NextAsync(user, Ct); // handled: its write failed
        }
        finally
        {
            cluster.DirectoryStorage.StopFailingWrites();
        }

        if (indexDeactivatedBeforeTheList)
        {
            await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, Ct);
        }

        await Index(user).ListAsync(Ct);

        Assert.Equal(renewed, StoredKeyOf(await cluster.StoredIndexAsync(user), handle));
    }

    [Fact]
    public async Task EndNoticeOfASessionTheIndexNoLongerHolds_WritesNothing()
    {
        var user = NewUser();
        var index = Index(user);
        var kept = await index.SignInAsync(null, NewKey(), Login(user), Ct);
        var ended = await index.SignInAsync(null, NewKey(), Login(user), Ct);
        await index.EndAsync(ended.Handle, SessionEndReason.Revoked, Ct);
        await cluster.IndexNotices.NextAsync(user, Ct); // the ended session's own notice, after the index removed it
        var writes = cluster.DirectoryStorage.WritesCompletedOf(index.GetGrainId());

        await index.SessionEndedAsync(ended.Handle);
        await cluster.IndexNotices.NextAsync(user, Ct);

        Assert.Equal(writes, cluster.DirectoryStorage.WritesCompletedOf(index.GetGrainId()));
        Assert.Equal(kept.Handle, Assert.Single((await cluster.StoredIndexAsync(user)).Sessions).Handle);
    }

    [Fact]
    public async Task RenewalNotice_OfALiveSessionTheIndexLacks_AddsItBack()
    {
        var user = NewUser();
        var (first, renewed) = (NewKey(), NewKey());
        var handle = (await Index(user).SignInAsync(null, first, Login(user), Ct)).Handle;
        await Index(user).SessionEndedAsync(handle); // a wrong notice: the session lives on
        await cluster.IndexNotices.NextAsync(user, Ct);

        await RenewAsync(first, renewed);
        await cluster.IndexNotices.NextAsync(user, Ct);

        Assert.Equal(renewed, StoredKeyOf(await cluster.StoredIndexAsync(user), handle));
    }

    [Fact]
    public async Task PreviousReleasesMoveNotice_FollowsTheSession_AndALateOneNamingAnEndedKeyChangesNothing()
    {
        var user = NewUser();
        var raced = await SignInRacingARenewalAsync(user);
        var renewed = NewKey();
        await RenewAsync(raced.CurrentKey, renewed);
        await cluster.IndexNotices.NextAsync(user, Ct);
        await Index(user).SessionEndedAsync(raced.Handle); // a wrong notice: the index lacks the live session
        await cluster.IndexNotices.NextAsync(user, Ct);

        await Index(user).SessionMovedAsync(raced.Handle, raced.CurrentKey); // renewed away from: followed to the live key
        await cluster.IndexNotices.NextAsync(user, Ct);
        Assert.Equal(renewed, StoredKeyOf(await cluster.StoredIndexAsync(user), raced.Handle));

        await Index(user).SessionMovedAsync(raced.Handle, raced.EndedKey);
        await cluster.IndexNotices.NextAsync(user, Ct);
        Assert.Equal(renewed, StoredKeyOf(await cluster.StoredIndexAsync(user), raced.Handle));
    }

    [Fact]
    public async Task GrainKey_IsDescribedInsideTheCluster_NeverListedNorWrittenAsJson()
    {
        var user = NewUser();
        var key = NewKey();
        await Index(user).SignInAsync(null, key, Login(user), Ct);

        var described = await Session(key).DescribeAsync(Ct);

        Assert.Equal(key, described!.GrainKey);
        Assert.DoesNotContain(key, JsonSerializer.Serialize(described));
        Assert.Null(Assert.Single(await Index(user).ListAsync(Ct)).GrainKey);
    }

    /// <summary>
    /// A browser's two requests racing: one renews the session's ID, the other signs in with the ID from before the
    /// renewal (followed to the renewal's key, which the login ends); the renewal's one-way notice reaches the index
    /// again after the login, as it does when it waited in the index's queue behind the login.
    /// </summary>
    private async Task<RacedSession> SignInRacingARenewalAsync(string user)
    {
        var (first, renewed, signedIn) = (NewKey(), NewKey(), NewKey());
        var handle = (await Index(user).SignInAsync(null, first, Login(user), Ct)).Handle;
        await RenewAsync(first, renewed);
        var moved = await cluster.IndexNotices.NextAsync(user, Ct);

        var login = await Index(user).SignInAsync(first, signedIn, Login(user), Ct);
        await cluster.IndexNotices.RedeliverAsync(cluster.Grains, moved, Ct);

        Assert.Equal(handle, login.Handle); // one session, rotated twice
        Assert.Null(await Session(renewed).DescribeAsync(Ct)); // the key the late notice names is dead
        return new RacedSession(handle, signedIn, renewed);
    }

    private async Task RenewAsync(string key, string newKey) =>
        Assert.Equal(SessionRotationStatus.Rotated, (await Session(key).RotateAsync(new SessionRotation(newKey, null), Ct)).Status);

    private static string? StoredKeyOf(UserSessionsState stored, string handle) =>
        stored.Sessions.SingleOrDefault(e => e.Handle == handle)?.GrainKey;

    [Fact]
    public async Task ALoginOverTheLimit_ByASessionThatEndedUnseen_EndsNoLiveSession()
    {
        var user = NewUser();
        var oldest = await Index(user).SignInAsync(null, NewKey(), Login(user), Ct);
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        var shortLived = await Index(user).SignInAsync(null, NewKey(), Login(user) with { IdleTimeout = TimeSpan.FromMinutes(5) }, Ct);
        cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await Index(user).SignInAsync(null, NewKey(), Login(user), Ct);
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, Ct);
        cluster.Time.Advance(TimeSpan.FromMinutes(6)); // the short-lived session lapses with no activation to tell the index

        await Index(user).SignInAsync(null, NewKey(), Login(user), Ct);

        Assert.NotNull(await Session(StoredKeyOf(await cluster.StoredIndexAsync(user), oldest.Handle)!).DescribeAsync(Ct));
        Assert.DoesNotContain((await Index(user).ListAsync(Ct)), s => s.Handle == shortLived.Handle);
        Assert.Equal(AuthClusterFixture.MaxSessionsPerUser, (await Index(user).ListAsync(Ct)).Count);
    }

    private IUserSessionsGrain Index(string user) => cluster.Grains.GetGrain<IUserSessionsGrain>(user);

    private ISessionGrain Session(string key) => cluster.Grains.GetGrain<ISessionGrain>(key);

    private static SessionLogin Login(string user) => SessionLogin.Bounded(user, [], "Tests/1.0", "192.0.2.1");

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N");

    private static string NewKey() => Guid.NewGuid().ToString("N") + "-s";

    /// <param name="EndedKey">The renewal's key, which the login ended.</param>
    private sealed record RacedSession(string Handle, string CurrentKey, string EndedKey);
}
