namespace Sessions.Tests.AspNetSession;

/// <summary>
/// ASP.NET Core's documented session behaviour, run against the built-in distributed session and against Sessions
/// (behind both middlewares), with the same app code. (Its own collection: the expiry test moves the clock.)
/// </summary>
[Collection(ExpiryClusterCollection.Name)]
public sealed class SessionBehaviourTests(ClusterFixture fixture)
{
    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task Request_NotUsingTheSession_GetsNoCookie(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();

        var response = await client.GetAsync("/nothing");

        Assert.Equal("ok", await response.OkTextAsync());
        Assert.Empty(SessionClient.SetCookies(response));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task Reading_ANewSession_IsAvailableAndEmpty_AndCreatesNoSession(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();

        var available = await client.GetAsync("/available");
        var value = await client.GetAsync("/get/a");

        Assert.Equal("yes", await available.OkTextAsync());
        Assert.Equal("(null)", await value.OkTextAsync());
        Assert.Empty(SessionClient.SetCookies(available));
        Assert.Empty(SessionClient.SetCookies(value));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task SetString_IsReadInALaterRequest(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();

        await client.GetAsync("/set/name/Ada");

        Assert.Equal("Ada", await client.GetOkTextAsync("/get/name"));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task SetInt32_IsReadInALaterRequest(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();

        await client.GetAsync("/setint/count/-42");

        Assert.Equal("-42", await client.GetOkTextAsync("/getint/count"));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task FirstWrite_SetsAnHttpOnlyLaxCookie_LaterRequestsDoNotReissueIt(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();

        var first = await client.GetAsync("/set/a/1");
        var second = await client.GetAsync("/set/b/2");
        var read = await client.GetAsync("/get/a");

        var cookie = Assert.Single(SessionClient.SetCookies(first));
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal("/", cookie.Path.Value);
        Assert.Empty(SessionClient.SetCookies(second));
        Assert.Empty(SessionClient.SetCookies(read));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task Remove_DeletesOnlyThatKey_AndKeysListsTheRest(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();
        await client.GetAsync("/set/a/1");
        await client.GetAsync("/set/b/2");
        await client.GetAsync("/set/c/3");

        await client.GetAsync("/remove/b");

        Assert.Equal("a,c", await client.GetOkTextAsync("/keys"));
        Assert.Equal("(null)", await client.GetOkTextAsync("/get/b"));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task Clear_RemovesEverything(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();
        await client.GetAsync("/set/a/1");
        await client.GetAsync("/set/b/2");

        await client.GetAsync("/clear");

        Assert.Equal(string.Empty, await client.GetOkTextAsync("/keys"));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task Id_IsStableWithinASession_AndDiffersBetweenSessions(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var alice = app.CreateClient();
        using var bob = app.CreateClient();
        await alice.GetAsync("/set/a/1");
        await bob.GetAsync("/set/a/1");

        var first = await alice.GetOkTextAsync("/id");
        var second = await alice.GetOkTextAsync("/id");
        var other = await bob.GetOkTextAsync("/id");

        Assert.False(string.IsNullOrEmpty(first));
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task Id_AloneDoesNotEstablishASession(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();

        var response = await client.GetAsync("/id");

        Assert.False(string.IsNullOrEmpty(await response.OkTextAsync()));
        Assert.Empty(SessionClient.SetCookies(response));
    }

    [Theory]
    [MemberData(nameof(SessionStoreKinds.All), MemberType = typeof(SessionStoreKinds))]
    public async Task ExpiredSession_YieldsAFreshEmptySession(SessionStoreKind kind)
    {
        await using var app = await SessionTestApp.StartAsync(kind, fixture);
        using var client = app.CreateClient();
        await client.GetAsync("/set/a/1");

        fixture.Time.Advance(TimeSpan.FromMinutes(21)); // both default to a 20-minute idle timeout
        var afterExpiry = await client.GetOkTextAsync("/get/a");
        await client.GetAsync("/set/b/2");

        Assert.Equal("(null)", afterExpiry);
        Assert.Equal("b", await client.GetOkTextAsync("/keys"));
    }
}
