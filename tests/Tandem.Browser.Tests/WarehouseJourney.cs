using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tandem.Browser.Tests;

/// <summary>A warehouse worker receives inner tubes with their lot on the pick screen, then picks a delivery from that lot with the scanner.</summary>
public sealed class WarehouseJourney(SqliteServer server, Chromium chromium) : IClassFixture<SqliteServer>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_worker_receives_a_lot_and_delivers_from_it_with_the_scanner()
    {
        var ct = TestContext.Current.CancellationToken;
        var (email, password) = await server.CreateUserAsync(["warehouse"]);
        using var api = await server.ClientFor(email, password);
        var tube = (await api.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products?limit=100", ct)).GetProperty("items").EnumerateArray()
            .Single(p => p.GetProperty("sku").GetString() == "TUBE-700C").GetProperty("id").GetGuid();
        var main = (await api.GetFromJsonAsync<JsonElement>("/api/v1/inventory/warehouses", ct)).EnumerateArray()
            .Single(w => w.GetProperty("code").GetString() == "MAIN").GetProperty("id").GetGuid();
        async Task<(Guid Id, string Number)> PlanAsync(object body)
        {
            var response = await api.PostAsJsonAsync("/api/v1/inventory/moves", body, ct);
            var move = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            Assert.True(response.IsSuccessStatusCode, move.ToString());
            return (move.GetProperty("id").GetGuid(), move.GetProperty("number").GetString()!);
        }
        var receipt = await PlanAsync(new { kind = "receipt", productId = tube, quantity = 10, warehouseId = main, unitCost = new { amount = "2.00", currency = "EUR" }, reference = "PO-JOURNEY" });

        await using var browser = await BrowserSession.OpenAsync(chromium, server);
        var page = browser.Page;
        await browser.SignInAsync(email, password, "/inventory/operations");
        await Expect(page.Locator("#operations-receipt")).ToContainTextAsync(receipt.Number);

        await browser.GoAsync("/inventory/pick");
        await browser.WaitInteractiveAsync();
        var scan = page.Locator("#pick-scan");
        await scan.FillAsync(receipt.Number);
        await scan.PressAsync("Enter");
        await Expect(page.Locator("#pick-move")).ToContainTextAsync("receipt");
        await scan.FillAsync("T-JOURNEY*6");
        await scan.PressAsync("Enter");
        await scan.FillAsync("T-JOURNEY*4");
        await scan.PressAsync("Enter");
        await Expect(page.Locator("#pick-progress")).ToHaveTextAsync("10 / 10");
        await page.ClickAsync("#pick-validate");
        await Expect(page.Locator("#pick-message")).ToContainTextAsync("is done");

        var delivery = await PlanAsync(new { kind = "delivery", productId = tube, quantity = 3, warehouseId = main, reserve = true, reference = "SO-JOURNEY" });
        await scan.FillAsync(delivery.Number);
        await scan.PressAsync("Enter");
        await Expect(page.Locator("#pick-move")).ToContainTextAsync("delivery");
        await scan.FillAsync("T-JOURNEY*5");
        await scan.PressAsync("Enter");
        await Expect(page.Locator("#pick-message")).ToContainTextAsync("Only 3 more");
        await scan.FillAsync("T-JOURNEY*3");
        await scan.PressAsync("Enter");
        await page.ClickAsync("#pick-validate");
        await Expect(page.Locator("#pick-message")).ToContainTextAsync("is done");

        var lot = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/inventory/lots?product={tube}&number=T-JOURNEY", ct)).EnumerateArray().Single();
        Assert.Equal(7m, lot.GetProperty("onHand").GetDecimal());
        var trace = await api.GetFromJsonAsync<JsonElement>($"/api/v1/inventory/lots/{lot.GetProperty("id").GetGuid()}/trace", ct);
        Assert.Equal("PO-JOURNEY", trace.GetProperty("origin").GetProperty("reference").GetString());
        Assert.Equal("SO-JOURNEY", trace.GetProperty("deliveries").EnumerateArray().Single().GetProperty("reference").GetString());
    }
}
