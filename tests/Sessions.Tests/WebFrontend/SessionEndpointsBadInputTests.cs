using System.Net;
using System.Text.Json;

namespace Sessions.Tests.WebFrontend;

/// <summary>Bad input gets the documented 4xx problem+json, never a 500 (the client fails any test that sees one).</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionEndpointsBadInputTests(ClusterFixture fixture) : IAsyncDisposable
{
    private readonly FrontendFactory _factory = new(fixture, ClientWritableTestKeys.Settings());

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string titleFragment)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains(titleFragment, problem.RootElement.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("slash%2Fkey")]
    [InlineData("%C3%A9")]
    public async Task Put_BadKey_Returns400(string key)
    {
        using var client = _factory.CreateSessionClient();

        await AssertProblemAsync(await client.PutTextAsync($"/api/session/items/{key}", "v"), HttpStatusCode.BadRequest, "key");
    }

    [Fact]
    public async Task Put_KeyLongerThan128_Returns400()
    {
        using var client = _factory.CreateSessionClient();

        await AssertProblemAsync(await client.PutTextAsync("/api/session/items/" + new string('k', 129), "v"), HttpStatusCode.BadRequest, "key");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/" + new string('k', 128), "v")).StatusCode);
    }

    [Fact]
    public async Task Put_ValueOver64KiB_Returns413()
    {
        using var client = _factory.CreateSessionClient();

        var response = await client.PutTextAsync("/api/session/items/big", new string('x', 64 * 1024 + 1));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "too large");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/big", new string('x', 64 * 1024))).StatusCode);
    }

    [Fact]
    public async Task Put_MalformedJson_Returns400()
    {
        using var client = _factory.CreateSessionClient();

        await AssertProblemAsync(await client.PutJsonAsync("/api/session/items/j", "{\"unterminated\": "), HttpStatusCode.BadRequest, "value");
    }

    [Fact]
    public async Task Put_InvalidUtf8_Returns400()
    {
        using var client = _factory.CreateSessionClient();

        var response = await client.PutBytesAsync("/api/session/items/t", [0xC3, 0x28, 0xFF], "text/plain");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "value");
    }

    [Fact]
    public async Task Put_BeyondKeyCount_Returns413()
    {
        using var client = _factory.CreateSessionClient();
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync($"/api/session/items/k{i}", "v")).StatusCode);
        }

        await AssertProblemAsync(await client.PutTextAsync("/api/session/items/k1000", "v"), HttpStatusCode.RequestEntityTooLarge, "refused");
    }

    [Fact]
    public async Task Put_BeyondSessionSize_Returns413()
    {
        using var client = _factory.CreateSessionClient();
        var value = new string('x', 64 * 1024);
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync($"/api/session/items/k{i}", value)).StatusCode);
        }

        await AssertProblemAsync(await client.PutTextAsync("/api/session/items/k15", value), HttpStatusCode.RequestEntityTooLarge, "refused");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task Increment_BadBy_Returns400(string by)
    {
        using var client = _factory.CreateSessionClient();

        await AssertProblemAsync(await client.PostAsync($"/api/session/items/n/increment?by={by}"), HttpStatusCode.BadRequest, "increment");
    }

    [Fact]
    public async Task Increment_NonIntegerValue_Returns409()
    {
        using var client = _factory.CreateSessionClient();
        await client.PutTextAsync("/api/session/items/n", "not a number");

        await AssertProblemAsync(await client.PostAsync("/api/session/items/n/increment"), HttpStatusCode.Conflict, "refused");
    }

    [Fact]
    public async Task GarbageCookie_IsIgnored_NotAnError()
    {
        using var client = _factory.CreateSessionClient();
        client.Cookie = "sid=" + new string('%', 5000);

        await AssertProblemAsync(await client.GetAsync("/api/session"), HttpStatusCode.NotFound, "session");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutTextAsync("/api/session/items/a", "1")).StatusCode);
    }
}
