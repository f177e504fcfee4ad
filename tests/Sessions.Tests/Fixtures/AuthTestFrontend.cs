using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Sessions.Tests.Fixtures;

/// <summary>A frontend on the login test cluster with fresh users of its own (names unique to the test).</summary>
public sealed class AuthTestFrontend : IAsyncDisposable
{
    private AuthTestFrontend(FrontendFactory factory, IReadOnlyList<string> users) => (Factory, Users) = (factory, users);

    public FrontendFactory Factory { get; }

    /// <summary>The users, in the order asked for; the first <c>admins</c> of them have the role admin.</summary>
    public IReadOnlyList<string> Users { get; }

    public static AuthTestFrontend Create(ClusterFixture cluster, int users = 1, int admins = 0, params (string Key, string Value)[] settings)
    {
        var names = Enumerable.Range(0, users).Select(i => $"u{i}-{Guid.NewGuid():N}"[..12]).ToList();
        var factory = new FrontendFactory(cluster, TestUsers.Settings(names.Select((n, i) => (n, i < admins ? "admin" : "user")), settings));
        return new AuthTestFrontend(factory, names);
    }

    public SessionClient Client() => Factory.CreateSessionClient();

    /// <summary>A new client (browser) signed in as <paramref name="user"/>.</summary>
    public async Task<SessionClient> SignedInAsync(string user)
    {
        var client = Client();
        var login = await client.LoginAsync(user);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }

    /// <summary>A client that presents exactly <paramref name="cookie"/> (e.g. an ID renewed away from).</summary>
    public SessionClient WithCookie(string cookie)
    {
        var client = Client();
        client.Cookie = cookie;
        return client;
    }

    public static async Task<JsonElement> MeAsync(SessionClient client)
    {
        var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
