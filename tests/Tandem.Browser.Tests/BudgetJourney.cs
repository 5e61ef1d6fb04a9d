using System.Text.RegularExpressions;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>A finance manager plans a month's sales in the budget grid and opens the budget against actual report.</summary>
public sealed class BudgetJourney(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Finance_manager_sets_a_budget_in_the_grid_and_compares_it_with_actual()
    {
        var (email, password) = await server.CreateUserAsync(["finance_manager"]);
        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(email, password, "/accounting/budgets?year=2031");

        // March 2031 sales: 1,234.50; the year's total is that one month.
        var cell = browser.Page.Locator("#budget-4000-03");
        await cell.FillAsync("1234.50");
        await cell.PressAsync("Tab");
        await Expect(browser.Page.Locator("#save-budgets")).ToContainTextAsync("(1)");
        await browser.Page.ClickAsync("#save-budgets");
        await Expect(browser.Page.Locator("#budget-message")).ToContainTextAsync("1 budget saved.");

        await browser.GoAsync("/accounting/budgets?year=2031");
        await Expect(browser.Page.Locator("#budget-4000-03")).ToHaveValueAsync("1,234.50");
        var row = browser.Page.Locator("#budgets tbody tr", new() { HasText = "4000" });
        await Expect(row).ToContainTextAsync("1,234.50");

        await browser.Page.ClickAsync("#budget-vs-actual");
        await Expect(browser.Page).ToHaveURLAsync(new Regex("/accounting/reports/profit-and-loss\\?from=2031-01-01&to=2031-12-31"));
        await Expect(browser.Page.Locator("#net-profit")).ToContainTextAsync("budget 1,234.50");
        await browser.ScreenshotAsync("finance-budget-against-actual");
    }
}
