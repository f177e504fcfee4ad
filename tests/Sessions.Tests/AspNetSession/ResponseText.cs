using System.Net;

namespace Sessions.Tests.AspNetSession;

/// <summary>The body of a test app's response, as text.</summary>
internal static class ResponseText
{
    public static Task<string> TextAsync(this HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    /// <summary>The body of a response that must be 200 OK.</summary>
    public static async Task<string> OkTextAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.TextAsync();
    }

    /// <summary>GETs <paramref name="path"/>, which must answer 200 OK, and returns the body.</summary>
    public static async Task<string> GetOkTextAsync(this SessionClient client, string path) => await (await client.GetAsync(path)).OkTextAsync();
}
