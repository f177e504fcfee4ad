using System.Net;
using System.Text;
using System.Text.Json;
using Sessions.AspNetCore;

namespace Sessions.Tests.WebFrontend;

/// <summary>
/// Values are checked against what the session document will have to render: what is accepted as JSON can always be
/// shown by <c>GET /api/session</c>, and text that merely looks like JSON it cannot render is shown as text.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionValueValidationTests(ClusterFixture fixture) : IAsyncDisposable
{
    private readonly FrontendFactory _factory = new(fixture, ClientWritableTestKeys.Settings());

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    [Fact]
    public async Task JsonAsDeepAsTheDocumentAllows_IsStoredAndRendered_OneLevelDeeperIsRefused()
    {
        using var client = _factory.CreateSessionClient();

        var deepest = await client.PutJsonAsync("/api/session/items/deep", Nested(SessionValueFormat.MaxJsonDepth));
        var tooDeep = await client.PutJsonAsync("/api/session/items/deeper", Nested(SessionValueFormat.MaxJsonDepth + 1));
        var document = await client.GetAsync("/api/session");

        Assert.Equal(HttpStatusCode.NoContent, deepest.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooDeep.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            new JsonDocumentOptions { MaxDepth = 128 });
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("items").GetProperty("deep").ValueKind);
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("{\"\\udc00\": 1}")]
    [InlineData("[\"a\\ud800b\"]")]
    public async Task JsonWithAnEscapedLoneSurrogate_IsRefused(string json)
    {
        using var client = _factory.CreateSessionClient();

        var put = await client.PutJsonAsync("/api/session/items/s", json);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
    }

    [Fact]
    public async Task JsonWithInvalidUtf8InAString_IsRefused()
    {
        using var client = _factory.CreateSessionClient();
        byte[] body = [(byte)'"', 0xC3, 0x28, (byte)'"'];

        var put = await client.PutBytesAsync("/api/session/items/s", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData(null)]
    public async Task TextThatLooksLikeJsonTheDocumentCannotRender_IsShownAsText(string? text)
    {
        text ??= Nested(SessionValueFormat.MaxJsonDepth + 1);
        using var client = _factory.CreateSessionClient();

        var put = await client.PutTextAsync("/api/session/items/t", text);
        var document = await client.GetAsync("/api/session");
        var item = await client.GetAsync("/api/session/items/t");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(text, json.RootElement.GetProperty("items").GetProperty("t").GetString());
        Assert.Equal("text/plain", item.Content.Headers.ContentType?.MediaType);
        Assert.Equal(text, Encoding.UTF8.GetString(await item.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
    }
}
