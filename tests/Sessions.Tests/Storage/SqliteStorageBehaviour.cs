using System.Text;

namespace Sessions.Tests.Storage;

/// <summary>What every SQLite storage engine must do for the session grain.</summary>
public abstract class SqliteStorageBehaviour(SqliteClusterFixture fixture)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(ISessionGrain Grain, string Id)> CreateSessionAsync(string key = "k", string value = "v")
    {
        var session = fixture.NewSession();
        Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne(key, Encoding.UTF8.GetBytes(value), true), Token)).Succeeded);
        return (session, session.GetPrimaryKeyString());
    }

    [Fact]
    public async Task Write_ThenDeactivate_ReadsBackFromStorage()
    {
        var (session, id) = await CreateSessionAsync(value: "persisted");

        await fixture.Cluster.DeactivateAsync(session);

        Assert.Equal(1, await fixture.CountRowsAsync(id));
        var snapshot = await session.LoadAsync(Token);
        Assert.Equal("persisted", Encoding.UTF8.GetString(snapshot!.Items["k"]));
    }

    [Fact]
    public async Task Destroy_DeletesRow_AndReadsAsAbsentAfterReactivation()
    {
        var (session, id) = await CreateSessionAsync();

        await session.DestroyAsync(Token);
        await fixture.Cluster.DeactivateAsync(session);

        Assert.Equal(0, await fixture.CountRowsAsync(id));
        Assert.Null(await session.LoadAsync(Token));
    }

    [Fact]
    public async Task Destroy_ReadsAsAbsentAfterSiloRestart()
    {
        var (session, id) = await CreateSessionAsync();
        await session.DestroyAsync(Token);

        await fixture.RestartAsync(graceful: true);

        Assert.Null(await fixture.Grains.GetGrain<ISessionGrain>(id).LoadAsync(Token));
        Assert.Equal(0, await fixture.CountRowsAsync(id));
    }

    [Fact]
    public async Task IdleLapse_WhileActive_BeforeCollection_TimerDeletesRowWithoutAnyCall()
    {
        var (_, id) = await CreateSessionAsync();

        fixture.Time.Advance(Idle + TimeSpan.FromSeconds(1));

        Assert.True(await Eventually.TrueAsync(async () => await fixture.CountRowsAsync(id) == 0));
    }

    [Fact]
    public async Task IdleLapse_WhileDeactivated_NextAccessFindsNothingAndDeletesRow()
    {
        var (session, id) = await CreateSessionAsync();
        await fixture.Cluster.DeactivateAsync(session);

        fixture.Time.Advance(Idle + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await fixture.CountRowsAsync(id)); // nothing active to notice the lapse yet

        Assert.Null(await session.LoadAsync(Token));
        Assert.Equal(0, await fixture.CountRowsAsync(id));
    }

    [Fact]
    public async Task LastAccess_KeptInMemory_IsPersistedOnDeactivation()
    {
        var (session, _) = await CreateSessionAsync();
        fixture.Time.Advance(TimeSpan.FromMinutes(4)); // below the persist threshold (a quarter of the idle timeout)
        Assert.NotNull(await session.LoadAsync(Token));

        await fixture.Cluster.DeactivateAsync(session);
        fixture.Time.Advance(TimeSpan.FromMinutes(17)); // 21 min after creation, 17 after the last access

        Assert.NotNull(await session.LoadAsync(Token));
    }

    [Fact]
    public async Task Write_AfterForeignWrite_RetriesOnVersionConflictAndKeepsBoth()
    {
        var (session, id) = await CreateSessionAsync("first", "1");
        await fixture.BumpVersionAsync(id); // as if a second activation had written meanwhile

        var result = await session.ApplyAsync(SessionChangeSet.SetOne("second", Encoding.UTF8.GetBytes("2"), false), Token);

        Assert.True(result.Succeeded);
        await fixture.Cluster.DeactivateAsync(session);
        var snapshot = await session.LoadAsync(Token);
        Assert.Equal(["first", "second"], snapshot!.Items.Keys.Order());
    }

    [Fact]
    public async Task Crash_AfterWriteThrough_LosesNoAcknowledgedWrite()
    {
        var (_, id) = await CreateSessionAsync("acknowledged", "yes");

        await fixture.RestartAsync(graceful: false);

        var snapshot = await fixture.Grains.GetGrain<ISessionGrain>(id).LoadAsync(Token);
        Assert.Equal("yes", Encoding.UTF8.GetString(snapshot!.Items["acknowledged"]));
    }

    [Fact]
    public async Task Crash_WithUnpersistedLastAccess_EndsSessionAtMostAQuarterOfIdleEarly()
    {
        var (session, id) = await CreateSessionAsync();
        var created = fixture.Time.GetUtcNow();
        fixture.Time.Advance(TimeSpan.FromMinutes(4)); // read below the persist threshold: kept in memory only
        var lastAccess = (await session.LoadAsync(Token))!.Info.LastAccessedAt;

        await fixture.RestartAsync(graceful: false);
        var info = await fixture.Grains.GetGrain<ISessionGrain>(id).GetInfoAsync(Token);

        // The crash lost the last access: the session now ends 20 min after creation instead of after that access,
        // which is early by 4 min, within the bound IdleTimeout * LastAccessPersistFraction = 5 min.
        Assert.Equal(created + Idle, info!.ExpiresAt);
        Assert.InRange(lastAccess + Idle - info.ExpiresAt, TimeSpan.Zero, Idle * 0.25);
    }

    [Fact]
    public async Task IdleTimeoutAskedAtCreation_IsStoredWithTheSession_AndOutlivesACrash()
    {
        var session = fixture.NewSession();
        var changes = SessionChangeSet.SetOne("k", "v"u8.ToArray(), createIfMissing: true) with { IdleTimeout = TimeSpan.FromMinutes(5) };
        Assert.True((await session.ApplyAsync(changes, Token)).Succeeded);
        var created = fixture.Time.GetUtcNow();

        await fixture.RestartAsync(graceful: false);
        var info = await fixture.Grains.GetGrain<ISessionGrain>(session.GetPrimaryKeyString()).GetInfoAsync(Token);

        Assert.Equal(created + TimeSpan.FromMinutes(5), info!.ExpiresAt);
    }

    [Fact]
    public async Task Crash_WithPersistedLastAccess_KeepsTheFullIdleTimeout()
    {
        var (session, id) = await CreateSessionAsync();
        fixture.Time.Advance(TimeSpan.FromMinutes(6)); // beyond the threshold: the read persists the access
        Assert.NotNull(await session.LoadAsync(Token));

        await fixture.RestartAsync(graceful: false);
        fixture.Time.Advance(TimeSpan.FromMinutes(19)); // 25 min after creation, 19 after the last access

        Assert.NotNull(await fixture.Grains.GetGrain<ISessionGrain>(id).LoadAsync(Token));
    }
}
