using System.Net;

namespace Sessions.Tests.Fixtures;

/// <summary>Waits for a WebFrontend process's <c>/readyz</c> to answer as expected.</summary>
public static class Readiness
{
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Polls <c>/readyz</c> until it answers <paramref name="status"/> with a body containing <paramref name="bodyContains"/>;
    /// fails the test when the process exits or the limit passes, with the process output.
    /// </summary>
    public static async Task WaitForAsync(HttpClient http, AppProcess app, HttpStatusCode status = HttpStatusCode.OK, string bodyContains = "")
    {
        var reached = await Eventually.TrueAsync(async () =>
        {
            Assert.False(app.HasExited, "The WebFrontend exited:\n" + app.Output);
            try
            {
                using var response = await http.GetAsync("/readyz", TestContext.Current.CancellationToken);
                return response.StatusCode == status
                    && (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Contains(bodyContains, StringComparison.Ordinal);
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, StartLimit, TimeSpan.FromMilliseconds(100));
        Assert.True(reached, $"/readyz did not answer {(int)status} '{bodyContains}' within {StartLimit}:\n" + app.Output);
    }
}
