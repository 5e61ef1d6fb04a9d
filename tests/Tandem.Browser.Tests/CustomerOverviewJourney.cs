using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>
/// A sales rep who may also read the ledger keeps a customer's account page open while accounting posts an invoice
/// through the API: the balance and the timeline on the open page change, without a reload.
/// </summary>
public sealed class CustomerOverviewJourney(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_open_account_page_shows_a_newly_posted_invoice_without_reload()
    {
        var (email, password) = await server.CreateUserAsync(["sales_rep", "accountant"]);
        using var rep = await server.ClientFor(email, password);
        var name = "Live Page Cycles " + Guid.NewGuid().ToString("N")[..6];
        var party = await CreatedAsync(await rep.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name, isCustomer = true }, Ct));
        var account = await CreatedAsync(await rep.PostAsJsonAsync("/api/v1/crm/accounts", new { partyId = party.GetProperty("id").GetGuid() }, Ct));
        using var admin = await server.AdminClient();
        var revenue = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounting/accounts", Ct)).EnumerateArray()
            .Single(a => a.GetProperty("code").GetString() == "4000").GetProperty("id").GetGuid();

        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        await browser.SignInAsync(email, password, $"/crm/accounts/{account.GetProperty("id").GetGuid()}");
        await Expect(browser.Page.Locator("#account-title")).ToHaveTextAsync(name);
        await Expect(browser.Page.Locator("#finance-balance")).ToHaveTextAsync("0.00");
        // Marks this very document: a reload would lose it.
        await browser.Page.EvaluateAsync("() => window.tandemJourneyMark = 'still here'");

        var invoice = await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/accounting/invoices?post=true", new
        {
            kind = "customerInvoice", partyId = party.GetProperty("id").GetGuid(),
            date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), currency = "EUR",
            lines = new[] { new { description = "Saddles", quantity = 5m, unitPrice = 50m, accountId = revenue } },
        }, Ct));

        // 5 × 50.00 = 250.00, no tax.
        await Expect(browser.Page.Locator("#finance-balance")).ToHaveTextAsync("250.00", new() { Timeout = 30_000 });
        await Expect(browser.Page.Locator("#finance-invoices")).ToContainTextAsync(invoice.GetProperty("number").GetString()!);
        await Expect(browser.Page.Locator("#account-timeline")).ToContainTextAsync($"Invoice {invoice.GetProperty("number").GetString()} posted");
        Assert.Equal("still here", await browser.Page.EvaluateAsync<string>("() => window.tandemJourneyMark"));
    }

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
