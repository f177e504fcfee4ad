using System.Net;

namespace Sessions.Tests.WebFrontend;

/// <summary>When no silo can be reached the frontend answers 503 problem+json within its IO timeout, never a 500 or a hang.</summary>
public sealed class ClusterUnavailableTests
{
    [Fact]
    public async Task Requests_WithAllSilosDown_Answer503Problem()
    {
        await using var cluster = new ClusterFixture();
        await cluster.InitializeAsync();
        await using var factory = new FrontendFactory(cluster, ClientWritableTestKeys.Settings(new Dictionary<string, string> { ["Session:IOTimeout"] = "00:00:02" }));
        using var client = factory.CreateSessionClient();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/a", "1")).StatusCode);

        foreach (var silo in cluster.Cluster.Silos.ToList())
        {
            await cluster.Cluster.StopSiloAsync(silo, TestContext.Current.CancellationToken); // the client stays, as a frontend's would
        }

        var read = await client.GetAsync("/api/session/items/a");
        var write = await client.PutTextAsync("/api/session/items/b", "2");

        foreach (var response in new[] { read, write })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
