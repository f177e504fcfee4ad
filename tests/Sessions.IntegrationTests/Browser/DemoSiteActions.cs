using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sessions.Tests.Browser;

/// <summary>What a visitor does and sees on the demo pages, found by the pages' own labels, roles and texts.</summary>
internal static class DemoSiteActions
{
    /// <summary>Signs in through the /login form and waits for the header to show the user.</summary>
    public static async Task SignInAsync(this IPage page, string userName)
    {
        await page.GotoAsync("/login");
        await page.SubmitSignInFormAsync(userName, TestUsers.PasswordOf(userName));
        await Expect(page.SignedInAs(userName)).ToBeVisibleAsync();
    }

    public static async Task SubmitSignInFormAsync(this IPage page, string userName, string password)
    {
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>On /shop: one more of <paramref name="product"/>, waiting for the page to count <paramref name="cartCountAfter"/> items.</summary>
    public static async Task AddToCartAsync(this IPage page, string product, int cartCountAfter)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Add {product} to cart", Exact = true }).ClickAsync();
        await Expect(page.GetByText($"Your cart holds {cartCountAfter} item(s).")).ToBeVisibleAsync();
    }

    public static ILocator SignedInAs(this IPage page, string userName) =>
        page.GetByRole(AriaRole.Banner).GetByText($"Signed in as {userName}", new() { Exact = true });

    public static ILocator SignInLink(this IPage page) =>
        page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true });

    public static ILocator Button(this IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}
