using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sessions.Tests.Pages;

/// <summary>
/// The demo pages on the real WebFrontend: the cart and the checkout live in session documents that the server-to-server
/// API shows and the browser-facing API neither shows nor takes (prices, totals and the step rules are the server's),
/// forms need their antiforgery token, login and sign-out rotate and end the session, and the pages pass an
/// accessibility smoke check (a label for every input, one h1, a language).
/// </summary>
[Collection(AuthClusterCollection.Name)]
public sealed partial class DemoPagesTests(AuthClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_LinksEveryUseCase_UnderAStrictPageCsp_WithoutScript()
    {
        await using var frontend = Frontend();
        using var browser = PageBrowser.Open(frontend.Factory);

        var response = await browser.Http.GetAsync("/", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        foreach (var path in new[] { "/login", "/shop", "/cart", "/checkout", "/account/sessions", "/analytics" })
        {
            Assert.Contains($"href=\"{path}\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'; style-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/site.css", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"lines\":null}")]
    [InlineData("{\"lines\":[null]}")]
    public async Task ACartTheServerApiStoredWithoutLines_ShowsAsAnEmptyCart(string stored)
    {
        await using var frontend = Frontend();
        using var browser = PageBrowser.Open(frontend.Factory);
        var server = ServerSide(frontend, browser);
        var put = await server.PutJsonAsync("/items/cart", stored);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        browser.UseSessionCookie(server.SessionValue!);

        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/shop", Ct)).StatusCode);
        Assert.Contains("empty", await browser.GetPageAsync("/cart"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cart_AddChangeRemove_IsTheSessionsCartDocument_AsTheApiShowsIt()
    {
        await using var frontend = Frontend();
        using var browser = PageBrowser.Open(frontend.Factory);
        await browser.GetPageAsync("/shop");

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/shop?handler=Add", Sku("mug-grain"))).StatusCode);
        await browser.PostFormAsync("/shop?handler=Add", Sku("mug-grain"));
        await browser.PostFormAsync("/shop?handler=Add", Sku("book-orleans"));

        var cart = await CartAsync(frontend, browser);
        Assert.Equal([("mug-grain", 2), ("book-orleans", 1)], cart);
        var line = (await ItemAsync(frontend, browser, "cart")).GetProperty("lines")[0];
        Assert.Equal(["sku", "qty"], line.EnumerateObject().Select(p => p.Name)); // what was chosen, never what it costs

        Assert.Contains("Total: <strong>63.00 EUR</strong>", await browser.GetPageAsync("/cart"), StringComparison.Ordinal);
        await browser.PostFormAsync("/cart?handler=Quantity", [new("sku", "mug-grain"), new("qty", "5")]);
        await browser.PostFormAsync("/cart?handler=Remove", Sku("book-orleans"));

        Assert.Equal([("mug-grain", 5)], await CartAsync(frontend, browser));
    }

    [Fact]
    public async Task Login_KeepsThePreLoginCart_ShowsTheUser_AndSignOutEndsTheSession()
    {
        await using var frontend = Frontend();
        using var browser = PageBrowser.Open(frontend.Factory);
        await AddToCartAsync(browser, "tee-cluster");
        await browser.GetPageAsync("/login");

        var wrong = await browser.PostFormAsync("/login", Login(frontend.Users[0], "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("not right", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var login = await browser.PostFormAsync("/login", Login(frontend.Users[0], TestUsers.PasswordOf(frontend.Users[0])));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains($"Signed in as <strong>{frontend.Users[0]}</strong>", await browser.GetPageAsync("/"), StringComparison.Ordinal);
        Assert.Equal([("tee-cluster", 1)], await CartAsync(frontend, browser));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/logout")).StatusCode);
        Assert.Contains("href=\"/login\">Sign in", await browser.GetPageAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Http.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Checkout_ValidatesEachStep_AndAVisitorWhoLeavesComesBackToTheirStep()
    {
        await using var frontend = Frontend();
        using var browser = PageBrowser.Open(frontend.Factory);
        await AddToCartAsync(browser, "book-aspnet");
        Assert.Contains("Step 1 of 3", await browser.GetPageAsync("/checkout"), StringComparison.Ordinal);

        var invalid = await browser.PostFormAsync("/checkout?handler=Address", Address(city: ""));
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var errors = await invalid.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Enter the city.", errors, StringComparison.Ordinal);
        Assert.Contains("Step 1 of 3", errors, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/checkout?handler=Address", Address(city: "Lyon"))).StatusCode);
        using var sameVisitorLater = new PageBrowser(browser.Http); // leaves, comes back with the same cookie
        Assert.Contains("Step 2 of 3", await sameVisitorLater.GetPageAsync("/checkout"), StringComparison.Ordinal);
        Assert.Equal(2, (await ItemAsync(frontend, browser, "checkout")).GetProperty("step").GetInt32());

        var noChoice = await browser.PostFormAsync("/checkout?handler=Delivery");
        Assert.Contains("Choose a delivery option.", await noChoice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await browser.PostFormAsync("/checkout?handler=Delivery", [new("delivery", "express")]);
        var confirm = await browser.GetPageAsync("/checkout");
        Assert.Contains("Step 3 of 3", confirm, StringComparison.Ordinal);
        Assert.Contains("Deliver express to Ada", confirm, StringComparison.Ordinal);

        var placed = await browser.PostFormAsync("/checkout?handler=Confirm");
        Assert.Contains("your order is placed", await placed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await CartAsync(frontend, browser));
    }

    [Fact]
    public async Task Cart_StoredWithAPriceByTheClient_IsRefused_AndChargedAtCatalogPrices()
    {
        await using var frontend = Frontend();
        using var browser = PageBrowser.Open(frontend.Factory);
        await AddToCartAsync(browser, "book-orleans");
        await AddToCartAsync(browser, "book-orleans");
        const string tampered = """{"lines":[{"sku":"book-orleans","qty":2,"name":"Free book","price":0.01},{"sku":"no-such-product","qty":1,"price":-50}]}""";

        var put = await browser.Http.PutAsync("/api/session/items/cart", new StringContent(tampered, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Equal([("book-orleans", 2)], await CartAsync(frontend, browser)); // nothing changed
        await AssertChargedAsync(browser, "78.00 EUR");

        // Even a cart with prices that a trusted frontend stores through the server API is charged at catalog prices.
        Assert.Equal(HttpStatusCode.NoContent, (await ServerSide(frontend, browser).PutJsonAsync("/items/cart", tampered)).StatusCode);
        await AssertChargedAsync(browser, "78.00 EUR");
    }

    [Theory]
    [InlineData("""{"step":3,"address":null,"delivery":"express"}""", 1)]
    [InlineData("""{"step":3,"address":{"name":"Ada","street":"","city":"Lyon","postalCode":"69001"},"delivery":"express"}""", 1)]
    [InlineData("""{"step":3,"address":{"name":"Ada","street":"1 Rue de la Paix","city":"Lyon","postalCode":"69001"},"delivery":"teleport"}""", 2)]
    public async Task Checkout_WithAStepSkipped_IsRefusedToTheBrowser_ShowsTheFirstIncompleteStep_AndCannotBeConfirmed(string progress, int step)
    {
        await using var frontend = Frontend();
        using var browser = PageBrowser.Open(frontend.Factory);
        await AddToCartAsync(browser, "mug-grain");
        var put = await browser.Http.PutAsync("/api/session/items/checkout", new StringContent(progress, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync("/api/session/items/checkout", Ct)).StatusCode);
        // The step rules hold even for progress a trusted frontend stored through the server API.
        Assert.Equal(HttpStatusCode.NoContent, (await ServerSide(frontend, browser).PutJsonAsync("/items/checkout", progress)).StatusCode);

        Assert.Contains($"Step {step} of 3", await browser.GetPageAsync("/checkout"), StringComparison.Ordinal);
        var confirm = await browser.PostFormAsync("/checkout?handler=Confirm");

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal([("mug-grain", 1)], await CartAsync(frontend, browser)); // no order placed: the cart is still there
    }

    [Fact]
    public async Task AccountSessions_NeedsALogin_ListsTheUsersSessions_EndsAnother_AndSignsOutEverywhere()
    {
        await using var frontend = Frontend();
        using var anonymous = PageBrowser.Open(frontend.Factory);
        var redirect = await anonymous.Http.GetAsync("/account/sessions", Ct);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/login?returnUrl=", redirect.Headers.Location?.OriginalString);
        using var phone = await frontend.SignedInAsync(frontend.Users[0]);
        using var laptop = PageBrowser.Open(frontend.Factory);
        await SignInAsync(laptop, frontend.Users[0]);

        var page = await laptop.GetPageAsync("/account/sessions");

        var handles = Handle().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, handles.Count);
        var phoneHandle = (await AuthTestFrontend.MeAsync(phone)).GetProperty("sessionHandle").GetString()!;
        Assert.Contains(phoneHandle, handles);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.PostFormAsync("/account/sessions?handler=End", [new("handle", phoneHandle)])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/me")).StatusCode);

        await laptop.GetPageAsync("/account/sessions");
        await laptop.PostFormAsync("/account/sessions?handler=EndAll");
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.Http.GetAsync("/api/me", Ct)).StatusCode);
        Assert.Empty(await cluster.Grains.GetGrain<IUserSessionsGrain>(frontend.Users[0]).ListAsync(Ct));
    }

    [Fact]
    public async Task Forms_WithoutTheirAntiforgeryToken_Answer400_AndChangeNothing()
    {
        await using var frontend = Frontend();
        using var browser = PageBrowser.Open(frontend.Factory);
        await browser.GetPageAsync("/shop");

        foreach (var path in new[] { "/shop?handler=Add", "/login", "/logout", "/checkout?handler=Address", "/account/sessions?handler=EndAll" })
        {
            var forged = await browser.PostFormAsync(path, Sku("mug-grain"), withToken: false);
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Empty(await CartAsync(frontend, browser));
    }

    [Fact]
    public async Task EveryPage_LabelsEveryInput_HasOneH1AndALanguage_AndNamesEveryButton()
    {
        await using var frontend = Frontend();
        using var browser = PageBrowser.Open(frontend.Factory);
        await AddToCartAsync(browser, "mug-grain");
        await SignInAsync(browser, frontend.Users[0]);
        var pages = new List<(string Path, string Html)>();
        foreach (var path in new[] { "/", "/login", "/shop", "/cart", "/checkout", "/account/sessions" })
        {
            pages.Add((path, await browser.GetPageAsync(path)));
        }

        await browser.PostFormAsync("/checkout?handler=Address", Address(city: "Lyon"));
        pages.Add(("/checkout (step 2)", await browser.GetPageAsync("/checkout")));

        foreach (var (path, html) in pages)
        {
            Assert.Matches("<html lang=\"en\">", html);
            Assert.Single(Regex.Matches(html, "<h1[ >]"));
            foreach (Match input in Input().Matches(html))
            {
                var id = Id().Match(input.Value);
                Assert.True(id.Success, $"{path}: an input without an id to label: {input.Value}");
                Assert.True(html.Contains($"for=\"{id.Groups[1].Value}\"", StringComparison.Ordinal), $"{path}: no label for {input.Value}");
            }

            foreach (Match button in Button().Matches(html))
            {
                Assert.False(string.IsNullOrWhiteSpace(button.Groups[1].Value), $"{path}: a button without text");
            }
        }
    }

    private static KeyValuePair<string, string>[] Sku(string sku) => [new("sku", sku)];

    private static async Task AddToCartAsync(PageBrowser browser, string sku)
    {
        await browser.GetPageAsync("/shop");
        await browser.PostFormAsync("/shop?handler=Add", Sku(sku));
    }

    private static async Task SignInAsync(PageBrowser browser, string user)
    {
        await browser.GetPageAsync("/login");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/login", Login(user, TestUsers.PasswordOf(user)))).StatusCode);
    }

    private static KeyValuePair<string, string>[] Login(string user, string password) => [new("UserName", user), new("Password", password)];

    private static KeyValuePair<string, string>[] Address(string city) =>
        [new("Address.Name", "Ada"), new("Address.Street", "1 Rue de la Paix"), new("Address.City", city), new("Address.PostalCode", "69001")];

    // The demo's cart and checkout are not client-writable: the tests read them server-side, as a frontend would.
    private AuthTestFrontend Frontend() => AuthTestFrontend.Create(cluster, settings: ServerApiClient.Settings);

    private static ServerApiClient ServerSide(AuthTestFrontend frontend, PageBrowser browser) =>
        new(frontend.Factory.CreateClient()) { SessionValue = browser.SessionCookieValue };

    private static async Task AssertChargedAsync(PageBrowser browser, string total)
    {
        var cart = await browser.GetPageAsync("/cart");
        Assert.Contains($"Total: <strong>{total}</strong>", cart, StringComparison.Ordinal);
        Assert.DoesNotContain("Free book", cart, StringComparison.Ordinal);
        await browser.GetPageAsync("/checkout");
        await browser.PostFormAsync("/checkout?handler=Address", Address(city: "Lyon"));
        await browser.PostFormAsync("/checkout?handler=Delivery", [new("delivery", "standard")]);
        Assert.Contains($"2 item(s), total {total}.", await browser.GetPageAsync("/checkout"), StringComparison.Ordinal);
    }

    private static async Task<List<(string Sku, int Qty)>> CartAsync(AuthTestFrontend frontend, PageBrowser browser)
    {
        var response = await ServerSide(frontend, browser).GetAsync("/items/cart");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        var cart = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return [.. cart.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("sku").GetString()!, l.GetProperty("qty").GetInt32()))];
    }

    private static async Task<JsonElement> ItemAsync(AuthTestFrontend frontend, PageBrowser browser, string key) =>
        await (await ServerSide(frontend, browser).GetAsync($"/items/{key}")).Content.ReadFromJsonAsync<JsonElement>(Ct);

    [GeneratedRegex("<input(?![^>]*type=\"hidden\")[^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex Id();

    [GeneratedRegex("<button[^>]*>([^<]*)</button>")]
    private static partial Regex Button();

    [GeneratedRegex("name=\"handle\" value=\"([^\"]+)\"")]
    private static partial Regex Handle();
}
