using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sessions.Tests.Browser;

/// <summary>The cart lives in the session: the same after a reload and in a second tab, changed from either.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CartBrowserTests(DemoSiteFixture site)
{
    private const string Mug = "Virtual Grain Mug"; // 12.00 EUR
    private const string Book = "Distributed Systems with Orleans"; // 39.00 EUR

    [Fact]
    public async Task TheCartFilledOnTheShop_SurvivesAReload_IsTheSameInASecondTab_AndChangesThere()
    {
        await using var device = await site.NewDeviceAsync();
        var firstTab = await device.NewPageAsync();
        await firstTab.GotoAsync("/shop");
        await firstTab.AddToCartAsync(Mug, cartCountAfter: 1);
        await firstTab.AddToCartAsync(Book, cartCountAfter: 2);
        await firstTab.AddToCartAsync(Mug, cartCountAfter: 3);
        await PageScreenshots.SaveAsync(firstTab, "shop", documented: true);

        await firstTab.GetByRole(AriaRole.Link, new() { Name = "Go to the cart" }).ClickAsync();
        await Expect(firstTab).ToHaveURLAsync(site.Url("/cart"));
        await ExpectCartAsync(firstTab, (Mug, 2), (Book, 1));
        await Expect(Total(firstTab)).ToHaveTextAsync("Total: 63.00 EUR");
        await PageScreenshots.SaveAsync(firstTab, "cart", documented: true);

        await firstTab.ReloadAsync();
        await ExpectCartAsync(firstTab, (Mug, 2), (Book, 1));
        await Expect(Total(firstTab)).ToHaveTextAsync("Total: 63.00 EUR");

        var secondTab = await device.NewPageAsync();
        await secondTab.GotoAsync("/cart");
        await ExpectCartAsync(secondTab, (Mug, 2), (Book, 1));
        await Expect(Total(secondTab)).ToHaveTextAsync("Total: 63.00 EUR");

        await secondTab.GetByLabel($"Quantity of {Mug}").FillAsync("3");
        await Line(secondTab, Mug).GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Expect(Total(secondTab)).ToHaveTextAsync("Total: 75.00 EUR");
        await secondTab.Button($"Remove {Book}").ClickAsync();
        await Expect(Line(secondTab, Book)).ToHaveCountAsync(0);
        await ExpectCartAsync(secondTab, (Mug, 3));
        await Expect(Total(secondTab)).ToHaveTextAsync("Total: 36.00 EUR");

        await firstTab.ReloadAsync();
        await Expect(Line(firstTab, Book)).ToHaveCountAsync(0);
        await ExpectCartAsync(firstTab, (Mug, 3));
        await Expect(Total(firstTab)).ToHaveTextAsync("Total: 36.00 EUR");
    }

    private static async Task ExpectCartAsync(IPage page, params (string Product, int Quantity)[] lines)
    {
        await Expect(Lines(page)).ToHaveCountAsync(lines.Length);
        foreach (var (product, quantity) in lines)
        {
            await Expect(page.GetByLabel($"Quantity of {product}", new() { Exact = true })).ToHaveValueAsync(quantity.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static ILocator Lines(IPage page) =>
        page.GetByRole(AriaRole.Table, new() { Name = "Items in your cart" }).Locator("tbody").GetByRole(AriaRole.Row);

    private static ILocator Line(IPage page, string product) => Lines(page).Filter(new() { HasText = product });

    private static ILocator Total(IPage page) => page.GetByText("Total:");
}
