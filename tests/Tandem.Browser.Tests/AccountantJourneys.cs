using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>An accountant's day: a supplier's bill posted, part of it paid, the rest found in aged payables.</summary>
public sealed class AccountantJourneys(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Accountant_posts_a_bill_registers_a_payment_and_finds_the_rest_in_aged_payables()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = "Journey Supplier " + Guid.NewGuid().ToString("N")[..6];
        var admin = await server.AdminClient();
        var created = await admin.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name, isSupplier = true }, ct);
        var supplierId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();
        var (email, password) = await server.CreateUserAsync(["accountant"]);

        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(email, password, $"/parties/{supplierId}");
        await Expect(browser.Page.Locator("#party-accounting")).ToBeVisibleAsync();

        // The bill: 10 × 24.00 = 240.00 on the first expense account, no tax.
        await browser.Page.ClickAsync("#new-vendor-bill");
        await Expect(browser.Page).ToHaveURLAsync(new Regex("/accounting/invoices/new"));
        await Expect(browser.Page.Locator("#invoice-party")).ToHaveTextAsync(name);
        await browser.Page.Locator(".line-description input").FillAsync("Brake pads");
        await browser.Page.Locator(".line-quantity input").FillAsync("10");
        await browser.Page.Locator(".line-price input").FillAsync("24");
        await browser.Page.ClickAsync("#post-invoice");
        await Expect(browser.Page.Locator("#invoice-title")).ToContainTextAsync("BILL");
        await Expect(browser.Page.Locator("#invoice-open")).ToHaveTextAsync("240.00");

        // 100.00 paid against it: 140.00 stays open.
        await browser.Page.ClickAsync("#register-payment");
        await Expect(browser.Page).ToHaveURLAsync(new Regex("/accounting/payments/new"));
        await browser.Page.FillAsync("#payment-amount", "100");
        await browser.Page.Locator(".allocation-amount input").First.FillAsync("100");
        await browser.Page.ClickAsync("#register");
        await Expect(browser.Page.Locator("#payment-done")).ToContainTextAsync("PAY");

        await browser.Page.ClickAsync("#to-aged");
        await Expect(browser.Page).ToHaveURLAsync(new Regex("/accounting/reports/aged-payables$"));
        var row = browser.Page.Locator("#aged tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("140.00");
        await browser.ScreenshotAsync("accountant-aged-payables");
    }
}
