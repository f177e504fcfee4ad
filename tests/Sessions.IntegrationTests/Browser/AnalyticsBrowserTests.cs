using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sessions.Tests.Browser;

/// <summary>A visit shows on the analytics dashboard, which outside Development only an admin may open.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AnalyticsBrowserTests(DemoSiteFixture site)
{
    [Fact]
    public async Task AVisitorsPageViews_ShowOnTheDashboard_OfAnAdmin()
    {
        await using var visitor = await site.NewDeviceAsync();
        var page = await visitor.NewPageAsync();
        await page.GotoAsync("/shop");
        await page.AddToCartAsync("Virtual Grain Mug", cartCountAfter: 1); // the visit's session starts here
        await page.GotoAsync("/cart");
        await page.GotoAsync("/checkout");

        await using var analyst = await site.NewDeviceAsync();
        var dashboard = await analyst.NewPageAsync();
        await dashboard.GotoAsync("/analytics");
        await Expect(dashboard).ToHaveURLAsync(site.Url("/login?returnUrl=%2Fanalytics")); // not signed in: sign in first
        await dashboard.SubmitSignInFormAsync("admin", TestUsers.PasswordOf("admin"));
        await Expect(dashboard).ToHaveURLAsync(site.Url("/analytics"));

        await Expect(dashboard.GetByRole(AriaRole.Heading, new() { Name = "Visit analytics", Level = 1 })).ToBeVisibleAsync();
        var topPages = dashboard.GetByRole(AriaRole.Table, new() { Name = "Top pages" });
        await Expect(topPages.GetByRole(AriaRole.Row).Filter(new() { HasText = "/cart" })).ToHaveCountAsync(1);
        await Expect(topPages.GetByRole(AriaRole.Row).Filter(new() { HasText = "/checkout" })).ToHaveCountAsync(1);
        var started = long.Parse(await dashboard.Locator("#sessions-started").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(started >= 2); // the visitor's session and the analyst's own
        await Expect(dashboard.GetByRole(AriaRole.Img, new() { Name = "Sessions started and ended per minute over the last 60 minutes" })).ToBeVisibleAsync();
        await PageScreenshots.SaveAsync(dashboard, "analytics", documented: true);
    }
}
