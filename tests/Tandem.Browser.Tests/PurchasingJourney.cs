using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>A buyer orders inner tubes and helmets; a warehouse worker receives part of the tubes with their lot; the buyer sees the backorder.</summary>
public sealed class PurchasingJourney(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_worker_receives_an_order_in_part_with_a_lot_and_the_buyer_sees_the_backorder()
    {
        var ct = TestContext.Current.CancellationToken;
        var (buyerEmail, buyerPassword) = await server.CreateUserAsync(["purchasing"]);
        var (workerEmail, workerPassword) = await server.CreateUserAsync(["warehouse"]);
        using var api = await server.ClientFor(buyerEmail, buyerPassword);
        var products = (await api.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products?limit=100", ct)).GetProperty("items").EnumerateArray().ToList();
        Guid Product(string sku) => products.Single(p => p.GetProperty("sku").GetString() == sku).GetProperty("id").GetGuid();
        var supplier = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/purchasing/prices?product={Product("TUBE-700C")}", ct))
            .EnumerateArray().First().GetProperty("supplierId").GetGuid();
        using var worker = await server.ClientFor(workerEmail, workerPassword);
        var main = (await worker.GetFromJsonAsync<JsonElement>("/api/v1/inventory/warehouses", ct)).EnumerateArray()
            .Single(w => w.GetProperty("code").GetString() == "MAIN").GetProperty("id").GetGuid();

        // 50 tubes at the supplier's price and 4 helmets at 42.50: well under the approval threshold, approved at confirmation.
        var created = await api.PostAsJsonAsync("/api/v1/purchasing/orders", new
        {
            supplierId = supplier, warehouseId = main,
            lines = new object[] { new { productId = Product("TUBE-700C"), quantity = 50 }, new { productId = Product("HELMET-AERO"), quantity = 4, unitPrice = new { amount = "42.50", currency = "EUR" } } },
        }, ct);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(created.IsSuccessStatusCode, draft.ToString());
        var orderId = draft.GetProperty("id").GetGuid();
        var confirmed = await (await api.PostAsync($"/api/v1/purchasing/orders/{orderId}/confirm", null, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("approved", confirmed.GetProperty("status").GetString());
        var number = confirmed.GetProperty("number").GetString()!;

        await using (var session = await BrowserSession.OpenAsync(chromium, server))
        {
            var page = session.Page;
            await session.SignInAsync(workerEmail, workerPassword, $"/purchasing/orders/{orderId}");
            await Expect(page.Locator("#order-title")).ToHaveTextAsync(number);
            await page.ClickAsync("#order-receive");
            await Expect(page.Locator("#receive-title")).ToContainTextAsync(number);
            await session.WaitInteractiveAsync();
            await page.FillAsync("#receive-qty-1-input", "30");
            await page.FillAsync("#receive-lots-1", "T-PO-JOURNEY");
            await page.FillAsync("#receive-expiry-1", "2028-05-31");
            await page.FillAsync("#receive-qty-2-input", "4");
            await page.ClickAsync("#receive-submit");
            await Expect(page.Locator("#order-line-1-received")).ToHaveTextAsync("30");
            await Expect(page.Locator("#order-status")).ToContainTextAsync("partially_received");
            await Expect(page.Locator("#order-receipts")).ToContainTextAsync("T-PO-JOURNEY");
        }

        await using (var session = await BrowserSession.OpenAsync(chromium, server))
        {
            var page = session.Page;
            await session.SignInAsync(buyerEmail, buyerPassword, "/purchasing/orders");
            await session.WaitInteractiveAsync();
            await page.FillAsync("#purchase-orders-filter", number);
            await page.ClickAsync($"a:has-text('{number}')");
            await Expect(page.Locator("#order-title")).ToHaveTextAsync(number);
            // 50 ordered − 30 received = 20 tubes still to come; the helmets are complete.
            await Expect(page.Locator("#order-line-1-backorder")).ToHaveTextAsync("20");
            await Expect(page.Locator("#order-line-2-backorder")).ToHaveTextAsync("0");
            await Expect(page.Locator("#order-backorder")).ToHaveTextAsync("20");

            // The buyer's other screens: what the reorder rules propose, and the bills on hold.
            await session.GoAsync("/purchasing/proposals");
            await Expect(page.Locator("#proposals")).ToBeVisibleAsync();
            await session.GoAsync("/purchasing/matching");
            await Expect(page.Locator("#matching-exceptions")).ToContainTextAsync("No bill is on hold");
        }

        var lot = (await worker.GetFromJsonAsync<JsonElement>($"/api/v1/inventory/lots?product={Product("TUBE-700C")}&number=T-PO-JOURNEY", ct)).EnumerateArray().Single();
        Assert.Equal(30m, lot.GetProperty("onHand").GetDecimal());
        Assert.Equal("2028-05-31", lot.GetProperty("expiryDate").GetString());
    }
}
