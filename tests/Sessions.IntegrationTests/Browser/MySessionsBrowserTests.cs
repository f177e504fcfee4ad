using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sessions.Tests.Browser;

/// <summary>"My sessions" lists every device a user is signed in on, and ending one signs that device out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MySessionsBrowserTests(DemoSiteFixture site)
{
    private const string Laptop = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    private const string Phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1";

    // Alice is signed in nowhere else meanwhile: the sign-in test signs her out again, the other tests use other users.
    [Fact]
    public async Task ASecondDevice_IsListedWithItsUserAgent_AndEndingItsSession_SignsThatDeviceOut()
    {
        await using var laptop = await site.NewDeviceAsync(Laptop);
        await using var phone = await site.NewDeviceAsync(Phone);
        var laptopPage = await laptop.NewPageAsync();
        var phonePage = await phone.NewPageAsync();
        await laptopPage.SignInAsync("alice");
        await phonePage.SignInAsync("alice");

        await laptopPage.GotoAsync("/account/sessions");
        var sessions = laptopPage.GetByRole(AriaRole.Table, new() { Name = "Your live sessions" }).Locator("tbody").GetByRole(AriaRole.Row);
        await Expect(sessions).ToHaveCountAsync(2);
        await Expect(sessions.Filter(new() { HasText = Laptop + " (this browser)" })).ToHaveCountAsync(1);
        await Expect(sessions.Filter(new() { HasText = Phone })).ToHaveCountAsync(1);
        await PageScreenshots.SaveAsync(laptopPage, "sessions", documented: true);

        await laptopPage.Button($"End the session of {Phone}").ClickAsync();
        await Expect(sessions).ToHaveCountAsync(1);
        await Expect(sessions).ToContainTextAsync(Laptop + " (this browser)");

        await phonePage.ReloadAsync();
        await Expect(phonePage.SignInLink()).ToBeVisibleAsync();
        await Expect(phonePage.GetByText("Signed in as")).ToHaveCountAsync(0);
    }
}
