using System.Net;
using System.Text.Json;

namespace Sessions.Tests.WebFrontend;

/// <summary>A session grain that does not answer within the IO timeout gives a clear 503, not a hang or a 500.</summary>
[Collection(ProbedClusterCollection.Name)]
public sealed class SessionTimeoutTests(ProbedClusterFixture fixture)
{
    [Fact]
    public async Task Load_BehindAStuckStorageWrite_TimesOutWith503()
    {
        await using var factory = new FrontendFactory(fixture, ClientWritableTestKeys.Settings(new Dictionary<string, string> { ["Session:IOTimeout"] = "00:00:00.300" }));
        using var client = factory.CreateSessionClient();
        // The first requests of a fresh host can be slower than this short timeout: retry until the session exists.
        for (var attempt = 0; attempt < 10 && client.Cookie is null; attempt++)
        {
            await client.PutTextAsync("/api/session/items/a", "1");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session/items/a")).StatusCode);
        fixture.Storage.HoldWrites();
        try
        {
            var stuckWrite = client.PutTextAsync("/api/session/items/b", "2"); // the grain now waits for storage
            await fixture.Storage.WriteStarted.WaitAsync(TestContext.Current.CancellationToken);

            var read = await client.GetAsync("/api/session/items/a"); // queued behind the write in the grain

            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("Timed out loading the session.", problem.RootElement.GetProperty("detail").GetString());
            fixture.Storage.ReleaseWrites();
            await stuckWrite;
        }
        finally
        {
            fixture.Storage.ReleaseWrites();
        }
    }
}
