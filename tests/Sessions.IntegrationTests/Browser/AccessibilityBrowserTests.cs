using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sessions.Tests.Browser;

/// <summary>
/// An accessibility smoke check in the browser: on every page each input is found by its label, each control has an
/// accessible name, and Tab moves the focus through all controls in the order they are shown.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccessibilityBrowserTests(DemoSiteFixture site)
{
    [Fact]
    public async Task EveryPage_LabelsItsInputs_NamesItsControls_AndTabReachesEachControlInOrder()
    {
        await using var device = await site.NewDeviceAsync();
        var page = await device.NewPageAsync();
        await page.SignInAsync("bob");
        await page.GotoAsync("/shop");
        await page.AddToCartAsync("Silo Sticker Pack", cartCountAfter: 1);

        foreach (var path in new[] { "/", "/login", "/shop", "/cart", "/checkout", "/account/sessions" })
        {
            await page.GotoAsync(path);
            await ExpectAccessibleAsync(page);
        }

        await page.GotoAsync("/checkout");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Grace Hopper");
        await page.GetByLabel("Street").FillAsync("1 Compiler Lane");
        await page.GetByLabel("City").FillAsync("Arlington");
        await page.GetByLabel("Postal code").FillAsync("22201");
        await page.Button("Continue to delivery").ClickAsync();
        await Expect(page.GetByText("Step 2 of 3")).ToBeVisibleAsync();
        await ExpectAccessibleAsync(page);
    }

    private static async Task ExpectAccessibleAsync(IPage page)
    {
        foreach (var input in await page.Locator("input:not([type=hidden]), select, textarea").AllAsync())
        {
            var id = await input.GetAttributeAsync("id");
            Assert.False(string.IsNullOrEmpty(id), $"{page.Url}: an input without an id for a label to point at");
            var label = page.Locator($"label[for=\"{id}\"]");
            await Expect(label).ToHaveCountAsync(1);
            await Expect(page.GetByLabel(await label.InnerTextAsync(), new() { Exact = true })).ToHaveAttributeAsync("id", id);
        }

        var controls = page.Locator("a[href], button, input:not([type=hidden]), select, textarea");
        foreach (var control in await controls.AllAsync())
        {
            await Expect(control).ToHaveAccessibleNameAsync(AnyWord());
        }

        foreach (var stop in await TabStopsAsync(controls))
        {
            await page.Keyboard.PressAsync("Tab");
            await Expect(stop).ToBeFocusedAsync();
        }
    }

    // A group of radio buttons is one tab stop (arrow keys move within it): only its first button is reached by Tab.
    private static async Task<List<ILocator>> TabStopsAsync(ILocator controls)
    {
        var stops = new List<ILocator>();
        var radioGroups = new HashSet<string>();
        foreach (var control in await controls.AllAsync())
        {
            if (await control.GetAttributeAsync("type") != "radio" || radioGroups.Add(await control.GetAttributeAsync("name") ?? ""))
            {
                stops.Add(control);
            }
        }

        return stops;
    }

    [GeneratedRegex(@"\w")]
    private static partial Regex AnyWord();
}
