using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Postgres;

/// <summary>Frontends sharing the cookie key ring in PostgreSQL accept each other's cookies, across restarts and rotation.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCookieKeyRingTests(PostgresFixture postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static FrontendFactory Frontend(ClusterFixture cluster, string connectionString) =>
        new(cluster, ClientWritableTestKeys.Settings(new Dictionary<string, string> { ["ConnectionStrings:SessionsKeyRing"] = connectionString }));

    [Fact]
    public async Task CookieFromFrontendA_WorksOnFrontendB_AndAfterBothRestart()
    {
        var database = await postgres.CreateDatabaseAsync(Token);
        await PostgresSchema.ApplyAsync(database, Token);
        await using var cluster = new ClusterFixture();
        await cluster.InitializeAsync();

        string cookie;
        await using (var a = Frontend(cluster, database))
        await using (var b = Frontend(cluster, database))
        {
            using var clientA = a.CreateSessionClient();
            Assert.Equal(HttpStatusCode.NoContent, (await clientA.PutTextAsync("/api/session/items/cart", "3 items")).StatusCode);
            cookie = clientA.Cookie!;

            using var clientB = b.CreateSessionClient();
            clientB.Cookie = cookie;
            Assert.Equal("3 items", await (await clientB.GetAsync("/api/session/items/cart")).Content.ReadAsStringAsync(Token));
        }

        await using var restartedA = Frontend(cluster, database);
        await using var restartedB = Frontend(cluster, database);
        foreach (var frontend in new[] { restartedA, restartedB })
        {
            using var client = frontend.CreateSessionClient();
            client.Cookie = cookie;
            var response = await client.GetAsync("/api/session/items/cart");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task KeyRotation_KeepsOldCookiesValid_AndNewCookiesWorkOnTheOtherFrontend()
    {
        var database = await postgres.CreateDatabaseAsync(Token);
        await PostgresSchema.ApplyAsync(database, Token);
        await using var cluster = new ClusterFixture();
        await cluster.InitializeAsync();
        await using var a = Frontend(cluster, database);
        await using var b = Frontend(cluster, database);
        using var oldClient = a.CreateSessionClient();
        await oldClient.PutTextAsync("/api/session/items/k", "old");
        using var onB = b.CreateSessionClient();
        onB.Cookie = oldClient.Cookie;
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/session/items/k")).StatusCode); // B has read the key ring

        var keys = a.Services.GetRequiredService<IKeyManager>();
        keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90)); // the new default key
        using var newClient = a.CreateSessionClient();
        await newClient.PutTextAsync("/api/session/items/k", "new");

        var oldOnB = await onB.GetAsync("/api/session/items/k");
        onB.Cookie = newClient.Cookie;
        var newOnB = await onB.GetAsync("/api/session/items/k");

        Assert.Equal(2, keys.GetAllKeys().Count);
        Assert.Equal("old", await oldOnB.Content.ReadAsStringAsync(Token));
        Assert.Equal("new", await newOnB.Content.ReadAsStringAsync(Token));
    }
}
