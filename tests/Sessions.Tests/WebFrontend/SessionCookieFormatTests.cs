using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Sessions.AspNetCore;

namespace Sessions.Tests.WebFrontend;

/// <summary>The session cookie's value: the id with an HMAC tag, and the data-protected cookies of earlier releases.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionCookieFormatTests(ClusterFixture fixture) : IAsyncDisposable
{
    private readonly FrontendFactory _factory = new(fixture, Secret(1));

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ATagChangedInOneCharacter_ReadsAsNoSession_WithoutReachingTheCluster()
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/a", "1");
        var value = client.Cookie!["sid=".Length..];
        client.Cookie = "sid=" + value[..^3] + (value[^3] == 'A' ? 'B' : 'A') + value[^2..];

        await AssertReadsAsNoSessionWithoutAGrainCallAsync(client);
    }

    [Theory]
    [InlineData('*')]
    [InlineData('+')]
    [InlineData('=')]
    public async Task ACookieOfTheRightLengthWithACharacterOutsideBase64Url_ReadsAsNoSession(char outside)
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/a", "1");
        var value = client.Cookie!["sid=".Length..];
        client.Cookie = "sid=" + value[..10] + outside + value[11..];

        await AssertReadsAsNoSessionWithoutAGrainCallAsync(client);
    }

    [Fact]
    public async Task ACookieIssuedUnderAnotherSecret_ReadsAsNoSession_WithoutReachingTheCluster()
    {
        await using var other = new FrontendFactory(fixture, Secret(2));
        using var foreign = other.CreateSessionClient();
        await foreign.PutTextAsync("/api/session/items/a", "1");
        using var client = _factory.CreateSessionClient();
        client.Cookie = foreign.Cookie;

        await AssertReadsAsNoSessionWithoutAGrainCallAsync(client);
    }

    private async Task AssertReadsAsNoSessionWithoutAGrainCallAsync(SessionClient client)
    {
        var callsBefore = fixture.Calls.SessionGrainCalls;

        var read = await client.GetAsync("/api/session/items/a");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(callsBefore, fixture.Calls.SessionGrainCalls);
    }

    [Fact]
    public async Task AFrontendWithTheSameSecret_ReadsTheCookie()
    {
        await using var other = new FrontendFactory(fixture, Secret(1));
        using var writer = other.CreateSessionClient();
        await writer.PutTextAsync("/api/session/items/a", "shared");
        using var client = _factory.CreateSessionClient();
        client.Cookie = writer.Cookie;

        var read = await client.GetAsync("/api/session/items/a");

        Assert.Equal("shared", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ACookieOfAnEarlierRelease_DataProtected_StillReadsItsSession()
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/cart", "kept");
        var id = SessionIdOf(client.Cookie!);
        var legacy = _factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Sessions.SessionCookie.v1");
        client.Cookie = "sid=" + WebEncoders.Base64UrlEncode(legacy.Protect(WebEncoders.Base64UrlDecode(id)));

        var read = await client.GetAsync("/api/session/items/cart");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("kept", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private string SessionIdOf(string cookie)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = cookie;
        Assert.True(_factory.Services.GetRequiredService<SessionCookie>().TryRead(http.Request, out var id));
        return id;
    }

    private static Dictionary<string, string> Secret(byte fill) =>
        ClientWritableTestKeys.Settings(new Dictionary<string, string> { ["SessionGrainKey:Secret"] = Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray()) });
}
