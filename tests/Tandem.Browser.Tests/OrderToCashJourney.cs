using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>The server for the order-to-cash journey: its mail goes to a real SMTP server of its own, and the outbox is polled often.</summary>
public sealed class OrderToCashServer : SqliteServer
{
    public TestSmtpServer Smtp { get; } = new();

    protected override IEnumerable<string> ExtraArguments => [.. Smtp.Arguments, "--Tandem:Outbox:PollInterval=00:00:00.300"];

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// Order to cash across the roles, each user holding only their own role: the sales rep quotes from the account page,
/// emails the quote and accepts it into an order; the warehouse confirms the order and ships it; the accountant
/// invoices it and registers the customer's payment; the rep finds all of it on the account page.
/// </summary>
public sealed partial class OrderToCashJourney(OrderToCashServer server, Chromium chromium) : IClassFixture<OrderToCashServer>, IClassFixture<Chromium>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_rep_sells_the_warehouse_ships_the_accountant_invoices_and_collects_and_the_rep_sees_it_all_on_the_account_page()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (repEmail, repPassword) = await server.CreateUserAsync(["sales_rep"]);
        using var repApi = await server.ClientFor(repEmail, repPassword);
        var name = "Journey Velo " + suffix;
        var (accountId, sku) = await CustomerAndProductAsync(repApi, name, suffix);

        // The rep: a quote from the account page, sent by email, accepted into an order.
        await using var rep = await BrowserSession.OpenAsync(chromium, server);
        var page = rep.Page;
        await rep.SignInAsync(repEmail, repPassword, $"/crm/accounts/{accountId}");
        await Expect(page.Locator("#account-title")).ToHaveTextAsync(name);
        await page.ClickAsync("#account-new-quote");
        await page.WaitForURLAsync(new Regex("/sales/quotes/new\\?accountId="));
        await rep.WaitInteractiveAsync();
        await Expect(page.Locator("#new-quote-for")).ToHaveTextAsync($"For {name}");
        await page.FillAsync("#new-quote-line-0-sku", sku);
        await page.FillAsync("#new-quote-line-0-quantity", "3");
        await page.PressAsync("#new-quote-line-0-quantity", "Tab");
        // Before saving, the line shows its price and promise date while the customer is still on the phone.
        await Expect(page.Locator("#new-quote-line-0-preview")).ToContainTextAsync($"= 360.00 net");
        await Expect(page.Locator("#new-quote-line-0-preview")).ToContainTextAsync($"promise {Today} (stock)");
        await Expect(page.Locator("#new-quote-preview-totals")).ToContainTextAsync($"total 360.00 EUR · everything by {Today}");
        await page.ClickAsync("#new-quote-save");
        await page.WaitForURLAsync(QuoteUrl());
        // 3 × 120.00 = 360.00, no tax; 10 are on hand, so the line ships today from stock.
        await Expect(page.Locator("#quote-total")).ToHaveTextAsync("360.00 EUR");
        await Expect(page.Locator("#quote-line-1-promise")).ToContainTextAsync($"{Today} (stock)");
        await Expect(page.Locator("#quote-ship-complete")).ToHaveTextAsync(Today);
        var quoteNumber = (await page.Locator("#quote-title").TextContentAsync())!.Split(' ')[0];

        await page.FillAsync("#quote-send-to", "buyer@journey.example");
        await page.ClickAsync("#quote-send");
        await Expect(page.Locator("#quote-message")).ToContainTextAsync("Sent to buyer@journey.example");
        await Expect(page.Locator("#quote-sent")).ToContainTextAsync($"sent {Today}");
        var mail = await ReceivedAsync($"Quote {quoteNumber} rev. 1");
        Assert.Equal("buyer@journey.example", mail.To.Mailboxes.Single().Address);
        Assert.Contains(mail.Attachments.OfType<MimePart>(), a => a.FileName == $"{quoteNumber}-rev1.pdf");

        await page.ClickAsync("#quote-accept");
        await page.WaitForURLAsync(OrderUrl());
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("draft");
        await Expect(page.Locator("#order-total")).ToHaveTextAsync("360.00 EUR");
        var orderNumber = (await page.Locator("#order-title").TextContentAsync())!.Trim();
        var orderId = Guid.Parse(OrderUrl().Match(page.Url).Groups[1].Value);
        // Confirming reserves stock: the warehouse's step, not the rep's.
        await Expect(page.Locator("#order-confirm")).ToHaveCountAsync(0);

        // The warehouse: confirms the order (stock reserved) and ships it from the deliveries screen.
        var (warehouseEmail, warehousePassword) = await server.CreateUserAsync(["warehouse"]);
        await using (var warehouse = await BrowserSession.OpenAsync(chromium, server))
        {
            var w = warehouse.Page;
            await warehouse.SignInAsync(warehouseEmail, warehousePassword, "/sales/orders");
            await w.Locator("#sales-orders").GetByRole(AriaRole.Link, new() { Name = orderNumber, Exact = true }).ClickAsync();
            await w.WaitForURLAsync(OrderUrl());
            await warehouse.WaitInteractiveAsync();
            await w.ClickAsync("#order-confirm");
            await Expect(w.Locator("#order-status")).ToHaveTextAsync("confirmed");
            await Expect(w.Locator("#order-moves")).ToContainTextAsync("reserved");

            await warehouse.GoAsync("/sales/deliveries");
            await w.ClickAsync($"#ship-{orderNumber}");
            await Expect(w.Locator("#orders-message")).ToContainTextAsync($"{orderNumber} shipped: delivered");
        }

        // The accountant: invoices what was shipped from the invoicing screen, then registers the customer's payment.
        var (accountantEmail, accountantPassword) = await server.CreateUserAsync(["accountant"]);
        string invoiceNumber;
        await using (var accountant = await BrowserSession.OpenAsync(chromium, server))
        {
            var a = accountant.Page;
            await accountant.SignInAsync(accountantEmail, accountantPassword, "/sales/invoicing");
            await a.ClickAsync($"#invoice-{orderNumber}");
            await Expect(a.Locator("#orders-message")).ToContainTextAsync($"{orderNumber} invoiced");
            await Expect(a.Locator("#orders-message")).ToContainTextAsync("360.00 EUR");
            invoiceNumber = (await a.Locator("#orders-invoice").TextContentAsync())!.Trim();
            await a.ClickAsync("#orders-invoice");
            await a.WaitForURLAsync(new Regex("/accounting/invoices/[0-9a-f-]{36}$"));
            await accountant.WaitInteractiveAsync();
            await Expect(a.Locator("#invoice-open")).ToHaveTextAsync("360.00");

            await a.ClickAsync("#register-payment");
            await a.WaitForURLAsync(new Regex("/accounting/payments/new"));
            await accountant.WaitInteractiveAsync();
            await a.FillAsync("#payment-amount", "360");
            await a.Locator(".allocation-amount input").First.FillAsync("360");
            await a.ClickAsync("#register");
            await Expect(a.Locator("#payment-done")).ToContainTextAsync("360.00 EUR");
        }

        // Paid: Sales hears of the payment through the outbox and marks the order paid.
        await WaitForAsync(async () => (await repApi.GetFromJsonAsync<JsonElement>($"/api/v1/sales/orders/{orderId}", Ct)).GetProperty("status").GetString() == "paid");

        // The rep, back on the account page: the order paid, the shipment, the invoice paid, nothing owed, and the story on the timeline.
        await rep.GoAsync($"/crm/accounts/{accountId}");
        await Expect(page.Locator("#sales-last-order")).ToContainTextAsync(new Regex($"{orderNumber}\\s*· {Today} · paid · 360\\.00 EUR"));
        var shipment = page.Locator("#sales-shipments tbody tr", new() { HasText = orderNumber });
        await Expect(shipment).ToContainTextAsync($"{sku} Journey cargo bike");
        await Expect(shipment.Locator("td").Nth(4)).ToHaveTextAsync("3");
        await Expect(page.Locator("#finance-balance")).ToHaveTextAsync("0.00");
        var invoice = page.Locator("#finance-invoices tbody tr", new() { HasText = invoiceNumber });
        await Expect(invoice.Locator("td").Nth(4)).ToHaveTextAsync("0.00");
        await Expect(invoice.Locator("td").Nth(5)).ToHaveTextAsync("paid");
        var timeline = page.Locator("#account-timeline");
        await Expect(timeline).ToContainTextAsync($"Order {orderNumber} confirmed");
        await Expect(timeline).ToContainTextAsync(new Regex($"Shipment SM\\d+ for {orderNumber} \\(3\\)"));
        await Expect(timeline).ToContainTextAsync($"Order {orderNumber} invoiced: {invoiceNumber}");
        await Expect(timeline).ToContainTextAsync($"Invoice {invoiceNumber} posted");
        await Expect(timeline).ToContainTextAsync(new Regex("Payment RCPT\\S* received"));
        await rep.ScreenshotAsync("order-to-cash-account");
    }

    [Fact]
    public async Task A_quote_started_from_an_opportunity_carries_it_and_its_acceptance_wins_the_opportunity()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (repEmail, repPassword) = await server.CreateUserAsync(["sales_rep"]);
        using var repApi = await server.ClientFor(repEmail, repPassword);
        var name = "Journey Fleet " + suffix;
        var (accountId, sku) = await CustomerAndProductAsync(repApi, name, suffix);
        var opportunity = await CreatedAsync(await repApi.PostAsJsonAsync("/api/v1/crm/opportunities", new
        {
            name = "Cargo fleet", accountId, amount = new { amount = "1000.00", currency = "EUR" }, expectedCloseDate = Today,
        }, Ct));
        var opportunityId = opportunity.GetProperty("id").GetGuid();

        await using var rep = await BrowserSession.OpenAsync(chromium, server);
        var page = rep.Page;
        await rep.SignInAsync(repEmail, repPassword, $"/crm/opportunities/{opportunityId}");
        await page.ClickAsync("#opportunity-new-quote");
        await page.WaitForURLAsync(new Regex($"/sales/quotes/new\\?opportunityId={opportunityId}$"));
        await rep.WaitInteractiveAsync();
        await Expect(page.Locator("#new-quote-for")).ToHaveTextAsync($"For {name} · opportunity Cargo fleet");
        await page.FillAsync("#new-quote-line-0-sku", sku);
        await page.FillAsync("#new-quote-line-0-quantity", "2");
        await page.PressAsync("#new-quote-line-0-quantity", "Tab");
        await page.ClickAsync("#new-quote-save");
        await page.WaitForURLAsync(QuoteUrl());
        // 2 × 120.00 = 240.00.
        await Expect(page.Locator("#quote-total")).ToHaveTextAsync("240.00 EUR");
        await Expect(page.Locator("#quote-opportunity")).ToHaveAttributeAsync("href", $"/crm/opportunities/{opportunityId}");
        await page.ClickAsync("#quote-accept");
        await page.WaitForURLAsync(OrderUrl());
        await Expect(page.Locator("#order-lineage")).ToContainTextAsync("opportunity →");

        // Won with the order's amount once the acceptance reaches the CRM; the button is gone from a closed opportunity.
        await WaitForAsync(async () => string.Equals((await repApi.GetFromJsonAsync<JsonElement>($"/api/v1/crm/opportunities/{opportunityId}", Ct))
            .GetProperty("opportunity").GetProperty("stageKind").GetString(), "won", StringComparison.OrdinalIgnoreCase));
        await rep.GoAsync($"/crm/opportunities/{opportunityId}");
        await Expect(page.Locator("#opportunity-title")).ToHaveTextAsync("Cargo fleet");
        await Expect(page.Locator("#opportunity-new-quote")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// An account the rep owns, shipping from the main warehouse on 30 days' terms, and a product at 120.00 with 10 on
    /// hand: arranged through the API, as they are not what the journey is about.
    /// </summary>
    private async Task<(Guid AccountId, string Sku)> CustomerAndProductAsync(HttpClient repApi, string name, string suffix)
    {
        var account = await CreatedAsync(await repApi.PostAsJsonAsync("/api/v1/crm/accounts", new { name, industry = "Retail" }, Ct));
        using var admin = await server.AdminClient();
        var main = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/inventory/warehouses", Ct)).EnumerateArray()
            .Single(w => w.GetProperty("code").GetString() == "MAIN").GetProperty("id").GetGuid();
        var net30 = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounting/payment-terms", Ct)).EnumerateArray()
            .Single(t => t.GetProperty("code").GetString() == "NET30").GetProperty("id").GetGuid();
        using var terms = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/sales/customers/{account.GetProperty("partyId").GetGuid()}/terms")
        {
            Content = JsonContent.Create(new { currency = "EUR", warehouseId = main, paymentTermId = net30 }),
        };
        terms.Headers.TryAddWithoutValidation("If-Match", "*");
        var set = await admin.SendAsync(terms, Ct);
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync(Ct));

        var sku = "CARGO-" + suffix.ToUpperInvariant();
        var product = await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/catalog/products",
            new { sku, name = "Journey cargo bike", kind = "goods", unit = "pc", listPrice = new { amount = "120.00", currency = "EUR" } }, Ct));
        var productId = product.GetProperty("id").GetGuid();
        var settings = await admin.PutAsJsonAsync($"/api/v1/inventory/products/{productId}/settings", new { tracking = "none", leadTimeDays = 10 }, Ct);
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync(Ct));
        await CreatedAsync(await admin.PostAsJsonAsync("/api/v1/inventory/moves", new
        {
            kind = "receipt", productId, quantity = 10, warehouseId = main, unitCost = new { amount = "70.00", currency = "EUR" }, scheduledDate = Today, done = true,
        }, Ct));
        return (account.GetProperty("id").GetGuid(), sku);
    }

    private async Task<MimeMessage> ReceivedAsync(string subject)
    {
        MimeMessage? found = null;
        await WaitForAsync(() => Task.FromResult((found = server.Smtp.Received.FirstOrDefault(m => m.Subject == subject)) is not null));
        return found!;
    }

    /// <summary>Waits for what follows through the outbox (mail, integration events), for at most 30 seconds.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "Still not so after 30 seconds.");
            await Task.Delay(200, Ct);
        }
    }

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex("/sales/quotes/([0-9a-f-]{36})$")]
    private static partial Regex QuoteUrl();

    [GeneratedRegex("/sales/orders/([0-9a-f-]{36})$")]
    private static partial Regex OrderUrl();
}
