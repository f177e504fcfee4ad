namespace Sessions.Tests.Auth;

/// <summary>A sign-in that starts a session (none to carry over) gives it the idle timeout its app asked for.</summary>
[Collection(AuthClusterCollection.Name)]
public sealed class SignInIdleTimeoutTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInStartingASession_WithAnIdleTimeout_GivesTheSessionThatIdleTimeout()
    {
        var user = "idle-" + Guid.NewGuid().ToString("N");
        var login = SessionLogin.Bounded(user, ["user"], userAgent: null, clientAddress: null) with { IdleTimeout = TimeSpan.FromMinutes(5) };

        var info = await cluster.Grains.GetGrain<IUserSessionsGrain>(user).SignInAsync(null, Guid.NewGuid().ToString("N"), login, Ct);

        Assert.Equal(info.CreatedAt + TimeSpan.FromMinutes(5), info.ExpiresAt);
    }

    [Fact]
    public async Task SignInStartingASession_WithoutAnIdleTimeout_GivesTheSilosDefault()
    {
        var user = "idle-" + Guid.NewGuid().ToString("N");

        var info = await cluster.Grains.GetGrain<IUserSessionsGrain>(user).SignInAsync(
            null, Guid.NewGuid().ToString("N"), SessionLogin.Bounded(user, ["user"], null, null), Ct);

        Assert.Equal(info.CreatedAt + new SessionExpiryOptions().IdleTimeout, info.ExpiresAt);
    }
}
