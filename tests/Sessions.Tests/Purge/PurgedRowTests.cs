namespace Sessions.Tests.Purge;

/// <summary>
/// A session grain still active when the purge deleted its row (possible only when the purge threshold was beaten,
/// e.g. by clock skew beyond the grace): it must end cleanly, never resurrect the session or fail the call.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class PurgedRowTests(SqliteClusterFixture fixture)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_AfterRowPurgedWhileActive_ReportsNotFoundAndLeavesNoRow()
    {
        var session = fixture.NewSession();
        var id = session.GetPrimaryKeyString();
        Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne("k", [1], createIfMissing: true), Token)).Succeeded);
        await fixture.DeleteRowAsync(id);

        var result = await session.ApplyAsync(SessionChangeSet.SetOne("k", [2], createIfMissing: false), Token);

        Assert.Equal(SessionWriteStatus.NotFound, result.Status);
        Assert.Equal(0, await fixture.CountRowsAsync(id));
        Assert.Null(await session.GetInfoAsync(Token));
    }

    [Fact]
    public async Task Lapse_AfterRowPurgedWhileActive_EndsTheSessionWithoutError()
    {
        var session = fixture.NewSession();
        var id = session.GetPrimaryKeyString();
        Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne("k", [1], createIfMissing: true), Token)).Succeeded);
        await fixture.DeleteRowAsync(id);

        fixture.Time.Advance(Idle + TimeSpan.FromSeconds(1));

        Assert.Null(await session.GetInfoAsync(Token));
        Assert.Equal(0, await fixture.CountRowsAsync(id));
    }

    [Fact]
    public async Task TheUserIndex_DropsASessionWhoseRowThePurgeRemovedWhileDeactivated_AndKeepsItsOwnState()
    {
        var user = "purged-" + Guid.NewGuid().ToString("N")[..8];
        var index = fixture.Grains.GetGrain<IUserSessionsGrain>(user);
        var keys = new[] { Guid.NewGuid().ToString("N") + "-p", Guid.NewGuid().ToString("N") + "-p" };
        foreach (var key in keys)
        {
            await index.SignInAsync(null, key, SessionLogin.Bounded(user, ["user"], "Tests/1.0", "127.0.0.1"), Token);
        }

        Assert.Equal(2, (await index.ListAsync(Token)).Count);
        await fixture.DeactivateAsync(fixture.Grains.GetGrain<ISessionGrain>(keys[0]), Token);
        await fixture.DeleteRowAsync(keys[0]);

        var listed = await index.ListAsync(Token);

        Assert.Equal(SessionFingerprint.PublicId(keys[1]), Assert.Single(listed).Handle);
        Assert.Equal("Tests/1.0", listed[0].UserAgent);
    }
}
