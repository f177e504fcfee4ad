namespace Sessions.Tests.Auth;

/// <summary>What a login costs the user's other sessions: nothing, while the user is within the limit.</summary>
[Collection(ManySessionsClusterCollection.Name)]
public sealed class UserSessionIndexLoginCostTests(ManySessionsClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_OfAUserWithNineSessions_CallsNoneOfThem()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");
        var index = cluster.Grains.GetGrain<IUserSessionsGrain>(user);
        var sessions = new List<GrainId>();
        for (var i = 0; i < 9; i++)
        {
            var key = NewKey();
            await index.SignInAsync(null, key, Login(user), Ct);
            sessions.Add(cluster.Grains.GetGrain<ISessionGrain>(key).GetGrainId());
        }

        var before = sessions.Select(cluster.Calls.CallsOn).ToList();

        await index.SignInAsync(null, NewKey(), Login(user), Ct);

        Assert.Equal(before, sessions.Select(cluster.Calls.CallsOn).ToList());
        Assert.All(before, calls => Assert.Equal(1, calls)); // each was called once: to start it
        Assert.Equal(10, (await index.ListAsync(Ct)).Count);
    }

    private static SessionLogin Login(string user) => SessionLogin.Bounded(user, [], "Tests/1.0", "192.0.2.1");

    private static string NewKey() => Guid.NewGuid().ToString("N") + "-s";
}
