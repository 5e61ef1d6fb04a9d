using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>Finding a record from anywhere with the search box in the top bar.</summary>
public sealed class SearchJourneys(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_rep_types_part_of_a_customer_name_in_the_top_bar_and_opens_it_from_the_results()
    {
        var (email, password) = await server.CreateUserAsync(["sales_rep"]);
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(email, password);

        await browser.Page.FillAsync("#global-search", "northw");
        await browser.Page.PressAsync("#global-search", "Enter");

        await Expect(browser.Page).ToHaveURLAsync(new Regex("/search\\?q=northw$"));
        var hit = browser.Page.Locator("#search-results .search-hit", new() { HasText = "Northwind Traders" });
        await Expect(hit).ToHaveCountAsync(1);
        await Expect(hit).ToContainTextAsync("Party");
        await browser.ScreenshotAsync("search-results");

        await hit.ClickAsync();
        await Expect(browser.Page.Locator("#party-title")).ToHaveTextAsync("Northwind Traders");
    }

    [Fact]
    public async Task A_search_with_no_match_says_so()
    {
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(TandemServer.AdminEmail, TandemServer.AdminPassword, "/search?q=zzqqxxnothing");
        await Expect(browser.Page.Locator("#search-empty")).ToContainTextAsync("zzqqxxnothing");
    }
}
