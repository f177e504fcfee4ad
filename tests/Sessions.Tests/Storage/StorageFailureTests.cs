using System.Net;
using System.Text;

namespace Sessions.Tests.Storage;

/// <summary>
/// A database failure under the production SQLite storage reaches callers as <see cref="SessionStorageException"/>
/// (not the engine's <c>DbException</c>) and the frontend answers 503 problem+json.
/// </summary>
public sealed class StorageFailureTests
{
    [Fact]
    public async Task Write_WhenTheDatabaseFails_Answers503_AndTheGrainThrowsSessionStorageException()
    {
        await using var cluster = new SqliteClusterFixture();
        await cluster.InitializeAsync();
        await using var frontend = new FrontendFactory(cluster, ClientWritableTestKeys.Settings());
        using var client = frontend.CreateSessionClient();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/a", "1")).StatusCode);

        await cluster.BreakStorageAsync();
        var response = await client.PutTextAsync("/api/session/items/b", "2");
        var direct = await Assert.ThrowsAsync<SessionStorageException>(async () => await cluster.NewSession().ApplyAsync(
            SessionChangeSet.SetOne("k", Encoding.UTF8.GetBytes("v"), createIfMissing: true), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        Assert.StartsWith("Session storage could not read a session: ", direct.Message, StringComparison.Ordinal); // on activation
    }
}
