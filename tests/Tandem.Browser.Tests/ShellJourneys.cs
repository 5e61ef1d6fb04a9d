using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>People signing in and finding their way around, in a real browser against the real server.</summary>
public sealed partial class ShellJourneys(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Admin_signs_in_and_sees_the_admin_entries_beside_parties_and_products()
    {
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(TandemServer.AdminEmail, TandemServer.AdminPassword);

        await Expect(browser.Page.Locator("#welcome")).ToContainTextAsync("Welcome");
        await Expect(browser.Page.Locator("#current-company")).ToHaveTextAsync("Tandem Demo Cycles Ltd");
        await Expect(browser.NavLink("Parties")).ToBeVisibleAsync();
        await Expect(browser.NavLink("Products")).ToBeVisibleAsync();
        await Expect(browser.NavLink("Users")).ToBeVisibleAsync();

        await browser.NavLink("Users").ClickAsync();
        await Expect(browser.Page).ToHaveURLAsync(new Regex("/admin/users$"));
        await Expect(browser.Page.Locator("#users")).ToContainTextAsync(TandemServer.AdminEmail);
        await browser.ScreenshotAsync("admin-users");
    }

    [Fact]
    public async Task Sales_rep_sees_parties_and_products_but_no_admin_entries_and_registers_a_party()
    {
        var (email, password) = await server.CreateUserAsync(["sales_rep"]);
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(email, password);

        await Expect(browser.NavLink("Parties")).ToBeVisibleAsync();
        await Expect(browser.NavLink("Products")).ToBeVisibleAsync();
        await Expect(browser.NavLink("Users")).ToHaveCountAsync(0);
        await Expect(browser.Page.Locator("#main-nav")).Not.ToContainTextAsync("Administration");

        // The admin page itself refuses the rep, not only the menu.
        await browser.Page.GotoAsync("/admin/users");
        await Expect(browser.Page.Locator("#users")).ToHaveCountAsync(0);
        await Expect(browser.Page.GetByText("do not allow this page")).ToBeVisibleAsync();

        var name = "Browser Bikes " + Guid.NewGuid().ToString("N")[..8];
        await browser.GoAsync("/parties");
        await browser.Page.ClickAsync("#new-party");
        await Expect(browser.Page).ToHaveURLAsync(new Regex("/parties/new$"));
        await browser.Page.FillAsync("#party-name", name);
        await browser.Page.FillAsync("#party-email", "orders@browserbikes.example");
        await browser.Page.Locator("#party-customer").ClickAsync();
        await browser.Page.ClickAsync("#register-party");

        await Expect(browser.Page).ToHaveURLAsync(GuidPath());
        await Expect(browser.Page.Locator("#party-title")).ToHaveTextAsync(name);

        await browser.GoAsync("/parties");
        await browser.Page.FillAsync("#parties-filter", name[..16]);
        // The filter narrows the list to the new party alone (the demo parties no longer show).
        await Expect(browser.Page.Locator("#parties tbody tr")).ToHaveCountAsync(1);
        var row = browser.Page.Locator("#parties tbody tr", new() { HasText = name });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("customer");
        await Expect(browser.Page.Locator("#parties")).Not.ToContainTextAsync("Northwind Traders");
        await browser.ScreenshotAsync("rep-parties");
    }

    [Fact]
    public async Task Registering_a_party_without_a_name_shows_the_error_beside_the_field()
    {
        var (email, password) = await server.CreateUserAsync(["sales_rep"]);
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(email, password, "/parties/new");

        await Expect(browser.Page).ToHaveURLAsync(new Regex("/parties/new$"));
        await browser.Page.ClickAsync("#register-party");
        await Expect(browser.Page.GetByText("Required.")).ToBeVisibleAsync();
        await Expect(browser.Page).ToHaveURLAsync(new Regex("/parties/new$"));
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_and_stays_on_the_login_page()
    {
        var (email, _) = await server.CreateUserAsync(["sales_rep"]);
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.Page.GotoAsync("/login");
        await browser.Page.FillAsync("#email", email);
        await browser.Page.FillAsync("#password", "not-the-password");
        await browser.Page.ClickAsync("#sign-in");

        await Expect(browser.Page.Locator("#login-error")).ToHaveTextAsync("The email or password is wrong.");
        await Expect(browser.Page).ToHaveURLAsync(new Regex("/login"));
        var cookies = await browser.Page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name == "tandem.auth");
    }

    [Fact]
    public async Task A_page_asked_for_before_sign_in_opens_after_it()
    {
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.Page.GotoAsync("/catalog/products");
        await Expect(browser.Page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2Fcatalog%2Fproducts"));

        await browser.Page.FillAsync("#email", TandemServer.AdminEmail);
        await browser.Page.FillAsync("#password", TandemServer.AdminPassword);
        await browser.Page.ClickAsync("#sign-in");
        await Expect(browser.Page).ToHaveURLAsync(new Regex("/catalog/products$"));
        await browser.WaitInteractiveAsync();
        await Expect(browser.Page.Locator("#products tbody tr").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_external_return_url_is_ignored_after_sign_in()
    {
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(TandemServer.AdminEmail, TandemServer.AdminPassword, "//evil.example/steal");
        Assert.Equal(browser.BaseAddress.Authority, new Uri(browser.Page.Url).Authority);
        Assert.Equal("/", new Uri(browser.Page.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_API_still_answers_401_problem_details_rather_than_redirecting()
    {
        using var client = server.Anonymous();
        var response = await client.GetAsync("/api/v1/parties", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("/parties/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex GuidPath();
}
