using System.Text;

namespace Sessions.Tests.Grains;

/// <summary>
/// <see cref="ISessionGrain.GetValueAsync"/>: one value, an access like a load (sliding expiry, last access persisted
/// lazily). On the probed cluster, whose storage writes are counted; these tests move its clock.
/// </summary>
[Collection(ProbedClusterCollection.Name)]
public sealed class SessionGrainGetValueTests(ProbedClusterFixture fixture)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<ISessionGrain> CreateSessionAsync(string key = "k", string value = "v")
    {
        var session = fixture.NewSession();
        Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne(key, Encoding.UTF8.GetBytes(value), true), Token)).Succeeded);
        return session;
    }

    [Fact]
    public async Task GetValue_UnknownSession_ReturnsNull_AndCreatesNothing()
    {
        var session = fixture.NewSession();

        Assert.Null(await session.GetValueAsync("k", Token));
        Assert.Null(await session.GetInfoAsync(Token));
    }

    [Fact]
    public async Task GetValue_ReturnsTheStoredBytes_AndNullForAnotherKey()
    {
        var session = await CreateSessionAsync("cart", "[1,2]");

        var value = await session.GetValueAsync("cart", Token);
        var other = await session.GetValueAsync("name", Token);

        Assert.NotNull(value);
        Assert.Equal("[1,2]", Encoding.UTF8.GetString(value.Value));
        Assert.Null(other);
    }

    [Fact]
    public async Task GetValue_RenewsIdleTimeout()
    {
        var session = await CreateSessionAsync();

        fixture.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.NotNull(await session.GetValueAsync("k", Token));
        fixture.Time.Advance(TimeSpan.FromMinutes(15)); // 30 min after the write, 15 after the read
        var renewed = await session.GetInfoAsync(Token);

        Assert.NotNull(renewed);
        Assert.Equal(fixture.Time.GetUtcNow() - TimeSpan.FromMinutes(15) + Idle, renewed.ExpiresAt);
    }

    [Fact]
    public async Task GetValue_AfterIdleTimeout_ReturnsNull()
    {
        var session = await CreateSessionAsync();

        fixture.Time.Advance(Idle + TimeSpan.FromSeconds(1));

        Assert.Null(await session.GetValueAsync("k", Token));
        Assert.Null(await session.GetInfoAsync(Token));
    }

    [Fact]
    public async Task GetValue_PersistsLastAccess_OnlyOnceItDriftedBeyondTheFraction()
    {
        var session = await CreateSessionAsync();
        var writes = fixture.Storage.WritesStarted;

        fixture.Time.Advance(TimeSpan.FromMinutes(4)); // a quarter of 20 min is 5 min: not yet
        await session.GetValueAsync("k", Token);
        var afterSmallDrift = fixture.Storage.WritesStarted;
        fixture.Time.Advance(TimeSpan.FromMinutes(2)); // 6 min since the persisted access
        await session.GetValueAsync("k", Token);
        var afterLargeDrift = fixture.Storage.WritesStarted;
        await session.GetValueAsync("k", Token);

        Assert.Equal(writes, afterSmallDrift);
        Assert.Equal(writes + 1, afterLargeDrift);
        Assert.Equal(afterLargeDrift, fixture.Storage.WritesStarted);
    }
}
