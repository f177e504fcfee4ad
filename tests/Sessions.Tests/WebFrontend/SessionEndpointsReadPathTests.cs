using System.Net;

namespace Sessions.Tests.WebFrontend;

/// <summary>
/// What a request costs the cluster: with read leases, one leased load and then nothing while the lease lasts; without,
/// one value is one grain call; a bad key none.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionEndpointsReadPathTests(ClusterFixture fixture) : IAsyncDisposable
{
    private readonly FrontendFactory _factory = new(fixture, ClientWritableTestKeys.Settings());

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task GetItems_UnderALease_AreOneLeasedLoad_ThenNoGrainCall()
    {
        using var client = _factory.CreateSessionClient();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync($"/api/session/items/k{i}", new string('v', 1000))).StatusCode);
        }

        var calls = fixture.Calls.SessionGrainCalls;
        var leasedLoads = fixture.Calls.CallsTo(nameof(ISessionGrain.LoadLeasedAsync));
        var item = await client.GetAsync("/api/session/items/k7");
        var missing = await client.GetAsync("/api/session/items/absent");
        var again = await client.GetAsync("/api/session/items/k8");

        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        Assert.Equal(new string('v', 1000), await item.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((calls + 1, leasedLoads + 1), (fixture.Calls.SessionGrainCalls, fixture.Calls.CallsTo(nameof(ISessionGrain.LoadLeasedAsync))));
    }

    [Fact]
    public async Task GetItem_WithoutLeases_IsOneValueLookUpCall_AndNeverLoadsTheSession()
    {
        await using var factory = new FrontendFactory(fixture, ClientWritableTestKeys.Settings(new Dictionary<string, string> { ["ReadLeases:Enabled"] = "false" }));
        using var client = factory.CreateSessionClient();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync($"/api/session/items/k{i}", new string('v', 1000))).StatusCode);
        }

        var (calls, loads, gets) = Counts();
        var item = await client.GetAsync("/api/session/items/k7");
        var missing = await client.GetAsync("/api/session/items/absent");

        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        Assert.Equal(new string('v', 1000), await item.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((calls + 2, loads, gets + 2), Counts());
    }

    [Theory]
    [InlineData("GET", "/api/session/items/bad%20key")]
    [InlineData("PUT", "/api/session/items/bad%20key")]
    [InlineData("DELETE", "/api/session/items/bad%20key")]
    [InlineData("POST", "/api/session/items/bad%20key/increment")]
    public async Task EveryItemEndpoint_WithABadKey_Answers400_WithoutCallingTheCluster(string method, string path)
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/a", "1");
        var callsBefore = fixture.Calls.SessionGrainCalls;

        var response = await client.SendAsync(new HttpMethod(method), path, new StringContent("v"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(callsBefore, fixture.Calls.SessionGrainCalls);
    }

    private (long Calls, long Loads, long Gets) Counts() =>
        (fixture.Calls.SessionGrainCalls, fixture.Calls.CallsTo(nameof(ISessionGrain.LoadAsync)), fixture.Calls.CallsTo(nameof(ISessionGrain.LookUpValueAsync)));
}
