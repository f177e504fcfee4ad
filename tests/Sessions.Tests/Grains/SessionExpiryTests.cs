using System.Text;

namespace Sessions.Tests.Grains;

/// <summary>Expiry rules on a fake clock (defaults: 20 min idle, 24 h absolute).</summary>
[Collection(ExpiryClusterCollection.Name)]
public sealed class SessionExpiryTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<ISessionGrain> CreateSessionAsync()
    {
        var session = fixture.NewSession();
        Assert.True((await session.ApplyAsync(SessionChangeSet.SetOne("k", Encoding.UTF8.GetBytes("v"), true), Token)).Succeeded);
        return session;
    }

    [Fact]
    public async Task Load_AfterIdleTimeout_ReturnsNull()
    {
        var session = await CreateSessionAsync();

        fixture.Time.Advance(Idle + TimeSpan.FromSeconds(1));

        Assert.Null(await session.LoadAsync(Token));
    }

    [Fact]
    public async Task Load_JustBeforeIdleTimeout_ReturnsSession()
    {
        var session = await CreateSessionAsync();

        fixture.Time.Advance(Idle - TimeSpan.FromSeconds(1));

        Assert.NotNull(await session.LoadAsync(Token));
    }

    [Fact]
    public async Task Load_RenewsIdleTimeout()
    {
        var session = await CreateSessionAsync();

        fixture.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.NotNull(await session.LoadAsync(Token));
        fixture.Time.Advance(TimeSpan.FromMinutes(15)); // 30 min after creation, 15 after the last access
        var renewed = await session.LoadAsync(Token);
        fixture.Time.Advance(Idle + TimeSpan.FromSeconds(1));
        var lapsed = await session.LoadAsync(Token);

        Assert.NotNull(renewed);
        Assert.Equal(fixture.Time.GetUtcNow() - TimeSpan.FromSeconds(1), renewed.Info.ExpiresAt);
        Assert.Null(lapsed);
    }

    [Fact]
    public async Task Load_AfterAbsoluteLifetime_ReturnsNullDespiteActivity()
    {
        var session = await CreateSessionAsync();
        var created = fixture.Time.GetUtcNow();

        while (fixture.Time.GetUtcNow() - created < TimeSpan.FromHours(24) - TimeSpan.FromMinutes(10))
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.NotNull(await session.LoadAsync(Token));
        }

        fixture.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await session.LoadAsync(Token));
    }

    [Fact]
    public async Task Write_AfterIdleTimeout_DoesNotReviveTheSession()
    {
        var session = await CreateSessionAsync();

        fixture.Time.Advance(Idle + TimeSpan.FromSeconds(1));
        var result = await session.ApplyAsync(SessionChangeSet.SetOne("k2", [1], createIfMissing: false), Token);

        Assert.Equal(SessionWriteStatus.NotFound, result.Status);
        Assert.Null(await session.LoadAsync(Token));
    }
}
