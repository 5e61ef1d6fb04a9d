using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>A finance manager defines a two-instalment payment term, checking its due dates in the preview first.</summary>
public sealed class PaymentTermJourney(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Finance_manager_defines_a_payment_term_after_previewing_its_due_dates()
    {
        var code = "J" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var (email, password) = await server.CreateUserAsync(["finance_manager"]);

        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(email, password);
        await browser.NavLink("Payment terms").ClickAsync();
        await browser.Page.WaitForURLAsync(url => url.EndsWith("/accounting/payment-terms", StringComparison.Ordinal));
        await browser.WaitInteractiveAsync();

        await browser.Page.FillAsync("#term-code", code);
        await browser.Page.FillAsync("#term-name", "40 % now, the rest at the end of next month");
        // A percent row goes in before the remainder, which stays last: 40 % at 0 days, then the rest at 30 days.
        await browser.Page.ClickAsync("#add-instalment");
        var percent = browser.Page.Locator(".instalment-percent input").First;
        await percent.FillAsync("40");
        await percent.PressAsync("Tab");
        await browser.Page.FillAsync("#preview-date", "2025-01-15");
        await browser.Page.PressAsync("#preview-date", "Tab");
        await browser.Page.FillAsync("#preview-total", "1000");
        await browser.Page.PressAsync("#preview-total", "Tab");

        // 40 % of 1,000.00 = 400.00 due on 15 Jan; the remaining 600.00 due 15 Jan + 30 days = 14 Feb.
        await Expect(browser.Page.Locator("#term-preview .preview-due")).ToHaveTextAsync(["2025-01-15", "2025-02-14"]);
        await Expect(browser.Page.Locator("#term-preview .preview-amount")).ToHaveTextAsync(["400.00", "600.00"]);

        // End of month moves the remainder to 28 Feb.
        await browser.Page.Locator(".instalment-eom input").Nth(1).ClickAsync(new() { Force = true });
        await Expect(browser.Page.Locator("#term-preview .preview-due")).ToHaveTextAsync(["2025-01-15", "2025-02-28"]);

        await browser.Page.ClickAsync("#define-term");
        var row = browser.Page.Locator("#payment-terms tbody tr", new() { HasText = code });
        await Expect(row).ToContainTextAsync("40 % in 0 days; the rest in 30 days, end of month");
        await browser.ScreenshotAsync("finance-payment-term");
    }
}
