using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sessions.Tests.Browser;

/// <summary>
/// What only a real browser enforces: under the pages' Content-Security-Policy the stylesheet still applies, and no
/// page logs an error (a blocked or missing resource shows up in the console).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StylesheetBrowserTests(DemoSiteFixture site)
{
    [Fact]
    public async Task EveryPage_IsStyledUnderItsContentSecurityPolicy_WithoutAConsoleError()
    {
        await using var device = await site.NewDeviceAsync();
        var page = await device.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url}: {message.Text}");
            }
        };
        await page.SignInAsync("admin");

        foreach (var path in new[] { "/", "/login", "/shop", "/cart", "/checkout", "/account/sessions" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Banner)).ToHaveCSSAsync("background-color", "rgb(36, 54, 75)");
        }

        Assert.True(errors.Count == 0, "Console errors:\n" + string.Join("\n", errors));
    }
}
