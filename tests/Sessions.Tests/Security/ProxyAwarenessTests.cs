using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sessions.Tests.Security;

/// <summary>
/// Behind a TLS-terminating proxy the app does not trust, requests look like plain HTTP and the session cookie loses
/// <c>Secure</c> and its <c>__Host-</c> prefix: <c>UseKnownProxies()</c> says so once.
/// </summary>
public sealed class ProxyAwarenessTests
{
    private const int UntrustedForwardedProtoEvent = 3112;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task V3_3_1_HttpsForwardedByAnUntrustedProxy_IsWarnedOnce_NamingTheRemedies()
    {
        var logs = new LogRecorder();
        await using var app = await StartAsync(logs, knownProxy: "10.0.0.1");
        using var client = app.GetTestClient();

        var schemes = new List<string>();
        foreach (var remote in new[] { "192.0.2.10", "192.0.2.11", "10.0.0.1" })
        {
            schemes.Add(await GetSchemeAsync(client, remote));
        }

        Assert.Equal(["http", "http", "https"], schemes);
        var warning = Assert.Single(logs.Entries, e => e.EventId == UntrustedForwardedProtoEvent);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("192.0.2.10", warning.Values["ClientAddress"]);
        Assert.Contains("Frontend:KnownProxies", warning.Message, StringComparison.Ordinal);
        Assert.Contains("SessionCookie:SecurePolicy=Always", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpsForwardedByAKnownProxy_OrNoForwardedScheme_IsNotWarned()
    {
        var logs = new LogRecorder();
        await using var app = await StartAsync(logs, knownProxy: "10.0.0.1");
        using var client = app.GetTestClient();

        Assert.Equal("https", await GetSchemeAsync(client, "10.0.0.1"));
        Assert.Equal("http", await GetSchemeAsync(client, "192.0.2.10", forwardedProto: null));

        Assert.DoesNotContain(logs.Entries, e => e.EventId == UntrustedForwardedProtoEvent);
    }

    private static async Task<string> GetSchemeAsync(HttpClient client, string remote, string? forwardedProto = "https")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Test-Remote", remote);
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        using var response = await client.SendAsync(request, Ct);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<WebApplication> StartAsync(LogRecorder logs, string knownProxy)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.Configure<FrontendOptions>(options => options.KnownProxies = [knownProxy]);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers["X-Test-Remote"]!);
            return next(context);
        });
        app.UseKnownProxies();
        app.MapGet("/", (HttpContext context) => context.Request.Scheme);
        await app.StartAsync(Ct);
        return app;
    }
}
