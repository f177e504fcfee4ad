using System.Globalization;
using Microsoft.Playwright;

namespace Sessions.Tests.Browser;

/// <summary>
/// The WebFrontend as a real process (its co-hosted silo on a throwaway SQLite file, demo users on) and one headless
/// Chromium driving it, started once for all browser tests. Each test opens its own devices: a browser context has its
/// own cookies, so it is a separate visitor.
/// </summary>
public sealed class DemoSiteFixture : IAsyncLifetime
{
    // Generous: two cores run the app, its silo and Chromium at once.
    private const float TimeoutMilliseconds = 15_000;

    private readonly string _data = Directory.CreateTempSubdirectory("sessions-browser-").FullName;
    private AppProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    // xunit disposes a fixture whose initialization failed, so whatever started before the failure is stopped.
    public async ValueTask InitializeAsync()
    {
        var chromium = ChromiumExecutable.Find();
        Assertions.SetDefaultExpectTimeout(TimeoutMilliseconds);
        await StartAppAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
    }

    /// <summary>A new visitor's browser (fresh cookies) at 1280x800, sending <paramref name="userAgent"/> when given.</summary>
    public async Task<IBrowserContext> NewDeviceAsync(string? userAgent = null)
    {
        var device = await _browser!.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            UserAgent = userAgent,
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        device.SetDefaultTimeout(TimeoutMilliseconds);
        return device;
    }

    /// <summary>The absolute URL of <paramref name="path"/> on the site, as the address bar shows it.</summary>
    public string Url(string path) => BaseUrl + path;

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    private async Task StartAppAsync()
    {
        var (httpPort, siloPort, gatewayPort) = (TestPorts.Next(), TestPorts.Next(), TestPorts.Next());
        BaseUrl = $"http://127.0.0.1:{httpPort}";
        _app = AppProcess.StartDll(BuiltApps.WebFrontendDll,
        [
            "--urls", BaseUrl,
            // A build (unlike a publish) has no wwwroot beside the dll: serve the stylesheet from the project.
            "--webroot", Path.Combine(BuiltApps.RepositoryRoot, "WebFrontend", "wwwroot"),
            "--Silo:SqlitePath", Path.Combine(_data, "sessions.db"),
            "--SessionCookie:KeyRingPath", Path.Combine(_data, "keys"),
            "--Silo:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture),
            "--Cluster:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture),
            // Every test's devices come from 127.0.0.1, more of them than a real visitor would open.
            "--RateLimits:SessionCreationsPerMinute", "0",
            .. TestUsers.Arguments(TestUsers.DemoLike),
        ]);
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        await Readiness.WaitForAsync(http, _app);
    }
}
