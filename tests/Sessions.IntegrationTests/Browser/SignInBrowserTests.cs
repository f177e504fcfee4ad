using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sessions.Tests.Browser;

/// <summary>Signing in and out through the pages' forms, as a visitor in Chromium does.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(DemoSiteFixture site)
{
    [Fact]
    public async Task SigningIn_ShowsAliceSignedIn_AndSigningOut_EndsHerSessionOnTheServer()
    {
        await using var device = await site.NewDeviceAsync();
        var page = await device.NewPageAsync();
        await page.GotoAsync("/login");
        await PageScreenshots.SaveAsync(page, "login");

        await page.SubmitSignInFormAsync("alice", "not-her-password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The user name or the password is not right.");
        await page.SubmitSignInFormAsync("alice", TestUsers.PasswordOf("alice"));

        await Expect(page).ToHaveURLAsync(site.Url("/"));
        await Expect(page.SignedInAs("alice")).ToBeVisibleAsync();
        await PageScreenshots.SaveAsync(page, "home");
        var signedInCookies = await device.CookiesAsync();

        await page.Button("Sign out").ClickAsync();

        await Expect(page.SignInLink()).ToBeVisibleAsync();
        await page.GotoAsync("/account/sessions");
        await Expect(page).ToHaveURLAsync(site.Url("/login?returnUrl=%2Faccount%2Fsessions"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();

        // A copy of the signed-in cookie (kept by a thief, or a browser restoring its tabs) signs nobody in any more.
        await device.AddCookiesAsync(signedInCookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Url = site.BaseUrl }));
        await page.GotoAsync("/");
        await Expect(page.SignInLink()).ToBeVisibleAsync();
    }
}
