using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sessions.Tests.Browser;

/// <summary>The three-step checkout keeps its progress in the session and validates each step on its own.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CheckoutBrowserTests(DemoSiteFixture site)
{
    [Fact]
    public async Task EachStepShowsItsValidationError_AndAVisitorWhoClosesThePage_ComesBackToStep2WithTheAddressKept()
    {
        await using var device = await site.NewDeviceAsync();
        var page = await device.NewPageAsync();
        await page.GotoAsync("/shop");
        await page.AddToCartAsync("Cluster T-Shirt", cartCountAfter: 1);
        await page.GotoAsync("/checkout");
        await Expect(Step(page)).ToHaveTextAsync("Step 1 of 3");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Ada Lovelace");
        await page.GetByLabel("Street").FillAsync("12 Analytical Row");
        await page.GetByLabel("Postal code").FillAsync("69001");
        await page.Button("Continue to delivery").ClickAsync();
        await Expect(page.GetByText("Enter the city.")).ToBeVisibleAsync();
        await Expect(Step(page)).ToHaveTextAsync("Step 1 of 3");
        await Expect(page.GetByLabel("Street")).ToHaveValueAsync("12 Analytical Row");
        await page.GetByLabel("City").FillAsync("Lyon");
        await page.Button("Continue to delivery").ClickAsync();
        await Expect(Step(page)).ToHaveTextAsync("Step 2 of 3");
        await page.CloseAsync();

        var later = await device.NewPageAsync();
        await later.GotoAsync("/checkout");
        await Expect(Step(later)).ToHaveTextAsync("Step 2 of 3");
        await later.Button("Continue to confirmation").ClickAsync();
        await Expect(later.GetByText("Choose a delivery option.")).ToBeVisibleAsync();
        await Expect(Step(later)).ToHaveTextAsync("Step 2 of 3");

        await later.Button("Back to the address").ClickAsync();
        await Expect(Step(later)).ToHaveTextAsync("Step 1 of 3");
        await Expect(later.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Ada Lovelace");
        await Expect(later.GetByLabel("Street")).ToHaveValueAsync("12 Analytical Row");
        await Expect(later.GetByLabel("City")).ToHaveValueAsync("Lyon");
        await Expect(later.GetByLabel("Postal code")).ToHaveValueAsync("69001");
        await later.Button("Continue to delivery").ClickAsync();
        await later.GetByLabel("express").CheckAsync();
        await later.Button("Continue to confirmation").ClickAsync();

        await Expect(Step(later)).ToHaveTextAsync("Step 3 of 3");
        await Expect(later.GetByText("Deliver express to Ada Lovelace, 12 Analytical Row, 69001 Lyon.")).ToBeVisibleAsync();
        await Expect(later.GetByText("1 item(s), total 21.90 EUR.")).ToBeVisibleAsync();
        await PageScreenshots.SaveAsync(later, "checkout", documented: true);
        await later.Button("Place the order").ClickAsync();
        await Expect(later.GetByRole(AriaRole.Status)).ToContainTextAsync("your order is placed");
    }

    private static ILocator Step(IPage page) => page.GetByText(StepOfThree());

    [GeneratedRegex(@"^Step \d of 3$")]
    private static partial Regex StepOfThree();
}
