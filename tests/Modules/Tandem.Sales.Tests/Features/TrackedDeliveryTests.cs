using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Sales.Tests.Features;

/// <summary>
/// Lot- and serial-tracked goods through the Sales API: the warehouse names the lots and serials that leave on each
/// delivery, the customer-360 overview shows them, and a returned serial comes back into stock under its number.
/// </summary>
public abstract class TrackedDeliveryTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lots_and_serials_ship_in_two_deliveries_show_on_the_account_and_a_serial_comes_back()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        // Oil in two lots (3 in L-A, 4 in L-B, at 10.00 each); three bikes with serials SN-1 to SN-3 at 200.00 each.
        var oil = await TrackedAsync(rep, "OIL-LOT", 25m, "lot", 10m, new { lot = "L-A", quantity = 3m }, new { lot = "L-B", quantity = 4m });
        var bike = await TrackedAsync(rep, "BIKE-SN", 400m, "serial", 200m, new { serial = "SN-1" }, new { serial = "SN-2" }, new { serial = "SN-3" });

        var order = await rep.OrderAsync((oil, 5m, 0m, false), (bike, 3m, 0m, false));
        order = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/confirm", new { }, HttpStatusCode.OK);
        var oilLine = order.Line(1).Id();
        var bikeLine = order.Line(2).Id();
        var deliveries = $"/api/v1/sales/orders/{order.Id()}/deliveries";

        // Refused, each with its code and nothing written: no lots named at all, an unknown lot, lots adding up to
        // another quantity, fewer serials than units, a serial the company never had.
        var before = await rep.StateAsync();
        await RefusedAsync(rep, deliveries, new { }, "lot_required");
        await RefusedAsync(rep, deliveries, Ship((oilLine, 2m, [new { lot = "L-Z" }])), "lot_unknown");
        await RefusedAsync(rep, deliveries, Ship((oilLine, 4m, [new { lot = "L-A", quantity = 3m }, new { lot = "L-B", quantity = 2m }])), "validation_failed");
        await RefusedAsync(rep, deliveries, Ship((bikeLine, 2m, [new { serial = "SN-1" }])), "serial_required");
        await RefusedAsync(rep, deliveries, Ship((bikeLine, 1m, [new { serial = "SN-9" }])), "serial_unknown");
        // The first line is fine, the second refused: the whole delivery is refused.
        await RefusedAsync(rep, deliveries, Ship((oilLine, 1m, [new { lot = "L-A" }]), (bikeLine, 1m, [new { serial = "SN-9" }])), "serial_unknown");
        Assert.Equal(before, await rep.StateAsync());

        // First delivery: 4 oil (3 from L-A, 1 from L-B) and bikes SN-1 and SN-2.
        order = await rep.PostAsync(deliveries, Ship(
            (oilLine, 4m, [new { lot = "L-A", quantity = 3m }, new { lot = "L-B", quantity = 1m }]),
            (bikeLine, 2m, [new { serial = "SN-1" }, new { serial = "SN-2" }])), HttpStatusCode.OK);
        Assert.Equal("partially_delivered", order.Str("status"));
        Assert.Equal((4m, 1m), (order.Line(1).GetProperty("delivered").GetDecimal(), order.Line(1).GetProperty("backorder").GetDecimal()));
        Assert.Equal((2m, 1m), (order.Line(2).GetProperty("delivered").GetDecimal(), order.Line(2).GetProperty("backorder").GetDecimal()));
        Assert.Equal((0m, 0m), await LotStockAsync(rep, oil, "L-A"));
        Assert.Equal((3m, 3m), await LotStockAsync(rep, oil, "L-B"));
        Assert.Equal((0m, 0m), await LotStockAsync(rep, bike, "SN-1"));

        // SN-1 has left: naming it again for the last bike is refused, nothing written.
        before = await rep.StateAsync();
        await RefusedAsync(rep, deliveries, Ship((bikeLine, 1m, [new { serial = "SN-1" }])), "insufficient_stock");
        Assert.Equal(before, await rep.StateAsync());

        // The rest: 1 oil from L-B and SN-3.
        order = await rep.PostAsync(deliveries, Ship((oilLine, 1m, [new { lot = "L-B" }]), (bikeLine, 1m, [new { serial = "SN-3" }])), HttpStatusCode.OK);
        Assert.Equal("delivered", order.Str("status"));
        Assert.Equal((2m, 2m), await LotStockAsync(rep, oil, "L-B"));

        // The customer-360 overview lists four shipments with what left in each.
        var overview = await rep.GetAsync($"/api/v1/crm/accounts/{rep.AccountId}/overview");
        var shipments = overview.GetProperty("sales").GetProperty("shipments").EnumerateArray()
            .Select(s => (Product: s.Str("product"), Quantity: s.GetProperty("quantity").GetDecimal(),
                Lots: string.Join(" | ", s.GetProperty("lotsOrSerials").EnumerateArray().Select(l => l.GetString()))))
            .OrderBy(s => s.Product, StringComparer.Ordinal).ThenBy(s => s.Quantity).ToList();
        Assert.Equal(
        [
            ("BIKE-SN BIKE-SN", 1m, "SN-3"),
            ("BIKE-SN BIKE-SN", 2m, "SN-1 | SN-2"),
            ("OIL-LOT OIL-LOT", 1m, "L-B × 1"),
            ("OIL-LOT OIL-LOT", 4m, "L-A × 3 | L-B × 1"),
        ], shipments);

        // SN-2 comes back: a receipt without its serial is refused; with it, SN-2 is in stock again under its number.
        var ra = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/returns", new { reason = "Wrong size", lines = new[] { new { orderLineId = bikeLine, quantity = 1 } } },
            HttpStatusCode.Created);
        var returnLine = ra.GetProperty("lines")[0].Id();
        before = await rep.StateAsync();
        await RefusedAsync(rep, $"/api/v1/sales/returns/{ra.Id()}/receive", new { }, "serial_required");
        await RefusedAsync(rep, $"/api/v1/sales/returns/{ra.Id()}/receive", new { lines = new[] { new { returnLineId = returnLine, lots = new[] { new { serial = "SN-7" } } } } },
            "serial_unknown");
        Assert.Equal(before, await rep.StateAsync());
        ra = await rep.PostAsync($"/api/v1/sales/returns/{ra.Id()}/receive", new { lines = new[] { new { returnLineId = returnLine, lots = new[] { new { serial = "SN-2" } } } } },
            HttpStatusCode.OK);
        Assert.Equal("received", ra.Str("status"));
        Assert.Equal((1m, 1m), await LotStockAsync(rep, bike, "SN-2"));
        Assert.Equal((0m, 0m), await LotStockAsync(rep, bike, "SN-3"));
        // SN-2 is on the shelf again: a second return naming it is refused, nothing written.
        var again = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/returns", new { reason = "Again", lines = new[] { new { orderLineId = bikeLine, quantity = 1 } } },
            HttpStatusCode.Created);
        before = await rep.StateAsync();
        await RefusedAsync(rep, $"/api/v1/sales/returns/{again.Id()}/receive",
            new { lines = new[] { new { returnLineId = again.GetProperty("lines")[0].Id(), lots = new[] { new { serial = "SN-2" } } } } }, "serial_in_stock");
        Assert.Equal(before, await rep.StateAsync());
        Assert.Equal((1m, 1m), await LotStockAsync(rep, bike, "SN-2"));

        // On hand: oil 7 − 5 = 2; bikes 3 − 3 + 1 = 1, and that one is SN-2.
        Assert.Equal(2m, (await rep.StockAsync(oil)).OnHand);
        Assert.Equal(1m, (await rep.StockAsync(bike)).OnHand);
        await rep.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_delivery_of_many_serials_keeps_every_serial_on_the_shipment()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        // 150 serials of 20 characters: their list is longer than any short text column.
        var serials = Enumerable.Range(1, 150).Select(n => $"FRAME-2026-{n:D9}").ToList();
        var frame = await TrackedAsync(rep, "FRAME-SN", 90m, "serial", 40m, [.. serials.Select(s => (object)new { serial = s })]);
        var order = await rep.OrderAsync((frame, 150m, 0m, false));
        order = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/confirm", new { }, HttpStatusCode.OK);

        order = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/deliveries",
            Ship((order.Line(1).Id(), 150m, [.. serials.Select(s => (object)new { serial = s })])), HttpStatusCode.OK);
        Assert.Equal("delivered", order.Str("status"));
        var overview = await rep.GetAsync($"/api/v1/crm/accounts/{rep.AccountId}/overview");
        var shipment = Assert.Single(overview.GetProperty("sales").GetProperty("shipments").EnumerateArray());
        Assert.Equal(serials, shipment.GetProperty("lotsOrSerials").EnumerateArray().Select(l => l.GetString()!).Order(StringComparer.Ordinal));
        await rep.AssertConsistentAsync();
    }

    /// <summary>A product tracked by lot or serial, received into the warehouse in the given lots or serials at one unit cost.</summary>
    private static async Task<Guid> TrackedAsync(SalesClient rep, string sku, decimal price, string tracking, decimal cost, params object[] lots)
    {
        var product = await rep.ProductAsync(sku, price);
        var settings = await rep.Http.PutAsJsonAsync($"/api/v1/inventory/products/{product}/settings", new { tracking, leadTimeDays = 10 }, Ct);
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync(Ct));
        var quantity = lots.Sum(l => (decimal?)l.GetType().GetProperty("quantity")?.GetValue(l) ?? 1m);
        await rep.PostAsync("/api/v1/inventory/moves", new
        {
            kind = "receipt", productId = product, quantity, warehouseId = rep.WarehouseId, unitCost = SalesClient.Eur(cost),
            scheduledDate = SalesClient.Iso(SalesClient.Today), done = true, lines = lots,
        }, HttpStatusCode.Created);
        return product;
    }

    private static object Ship(params (Guid Line, decimal Quantity, object[] Lots)[] lines) =>
        new { lines = lines.Select(l => new { orderLineId = l.Line, quantity = l.Quantity, lots = l.Lots }).ToArray() };

    private static async Task RefusedAsync(SalesClient rep, string url, object body, string code)
    {
        var response = await rep.Http.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{url}: {(int)response.StatusCode}: {text}");
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("code").GetString() == code, $"{url}: expected {code}: {text}");
    }

    /// <summary>What the lot or serial holds in the company, and in the order's warehouse.</summary>
    private static async Task<(decimal OnHand, decimal InWarehouse)> LotStockAsync(SalesClient rep, Guid product, string number)
    {
        var lot = Assert.Single((await rep.GetAsync($"/api/v1/inventory/lots?product={product}&number={Uri.EscapeDataString(number)}")).EnumerateArray());
        var stock = await rep.GetAsync($"/api/v1/inventory/stock?product={product}&warehouse={rep.WarehouseId}&lot={lot.Id()}");
        return (lot.GetProperty("onHand").GetDecimal(), stock.GetProperty("items").EnumerateArray().Sum(s => s.GetProperty("quantity").GetDecimal()));
    }
}

public sealed class TrackedDeliveryTestsOnSqlite(SqliteServer server) : TrackedDeliveryTests(server), IClassFixture<SqliteServer>;

public sealed class TrackedDeliveryTestsOnPostgres(PostgresServer server) : TrackedDeliveryTests(server), IClassFixture<PostgresServer>;
