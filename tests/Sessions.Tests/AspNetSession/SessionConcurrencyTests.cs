namespace Sessions.Tests.AspNetSession;

/// <summary>
/// Where Sessions is deliberately better than the built-in session: 50 concurrent requests of one session, each
/// loading the session and then setting its own key. All of them have loaded before any commits.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionConcurrencyTests(ClusterFixture fixture)
{
    private const int Requests = 50;

    private async Task<string[]> RunConcurrentWritersAsync(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();
        await client.GetAsync("/set/seed/0");
        app.BarrierParticipants = Requests;

        await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => client.GetAsync($"/load-then-set/k{i:00}")));

        var keys = await (await client.GetAsync("/keys")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var survivors = keys.Split(',').Where(k => k != "seed").ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine($"{kind}: {survivors.Length} of {Requests} keys survived");
        return survivors;
    }

    [Fact]
    public async Task FiftyConcurrentWriters_Orleans_KeepAllFiftyKeys()
    {
        var keys = await RunConcurrentWritersAsync(SessionStoreKind.Orleans);

        Assert.Equal(Requests, keys.Length);
    }

    [Fact]
    public async Task FiftyConcurrentWriters_BuiltInDistributedSession_LosesUpdates()
    {
        var keys = await RunConcurrentWritersAsync(SessionStoreKind.BuiltIn);

        // The built-in session commits the whole dictionary it loaded: the last writer wins and the rest are lost.
        Assert.InRange(keys.Length, 1, Requests - 1);
    }
}
