using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Inventory.Contracts;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;
using Tandem.Testing;

namespace Tandem.Inventory.Tests.Features;

/// <summary>The stock ledger through its HTTP API: valuation posted to the ledger, lots, reservations, ATP, counts and bad input.</summary>
public abstract class InventoryApiTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static decimal Amount(JsonElement money) => InventoryClient.Amount(money);

    [Fact]
    public async Task Fifo_delivery_costs_the_oldest_layers_and_the_inventory_account_equals_the_valuation()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("FIFO-1", valuation: "fifo");
        await wh.ReceiveAsync(product, 10, 5m);
        await wh.ReceiveAsync(product, 10, 7m);
        var delivery = await wh.DeliverAsync(product, 15);

        // FIFO: 10 @ 5.00 = 50.00 and 5 @ 7.00 = 35.00 → cost of goods sold 85.00; left 5 @ 7.00 = 35.00.
        Assert.Equal(-85m, Amount(delivery.GetProperty("value")));
        Assert.StartsWith("JE2025-", delivery.GetProperty("entryNumber").GetString(), StringComparison.Ordinal);
        var valuation = await wh.GetAsync("/api/v1/inventory/reports/valuation");
        Assert.Equal(35m, Amount(valuation.GetProperty("totalValue")));
        var row = Assert.Single(valuation.GetProperty("rows").EnumerateArray());
        Assert.Equal(5m, row.GetProperty("quantity").GetDecimal());
        Assert.Equal(7m, Amount(row.GetProperty("averageCost")));
        // Receipts 50.00 + 70.00 into inventory, 85.00 out: 35.00 left; GRNI owes 120.00; COGS 85.00.
        Assert.Equal(35m, await wh.AccountBalanceAsync("1200"));
        Assert.Equal(-120m, await wh.AccountBalanceAsync("2200"));
        Assert.Equal(85m, await wh.AccountBalanceAsync("5000"));

        var levels = await wh.GetAsync($"/api/v1/inventory/stock/levels?product={product}");
        Assert.Equal(5m, Assert.Single(levels.EnumerateArray()).GetProperty("onHand").GetDecimal());
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task Moving_average_delivery_costs_the_average_and_the_inventory_account_equals_the_valuation()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("AVG-1", valuation: "average");
        await wh.ReceiveAsync(product, 10, 5m);
        await wh.ReceiveAsync(product, 10, 7m);
        var first = await wh.DeliverAsync(product, 15);
        await wh.ReceiveAsync(product, 5, 9m);
        var second = await wh.DeliverAsync(product, 4);

        // Average after the receipts: (50.00 + 70.00) / 20 = 6.00; 15 out = 90.00; left 5 @ 6.00 = 30.00.
        // Then 5 @ 9.00 = 45.00 in: 10 worth 75.00, average 7.50; 4 out = 30.00; left 6 worth 45.00.
        Assert.Equal(-90m, Amount(first.GetProperty("value")));
        Assert.Equal(-30m, Amount(second.GetProperty("value")));
        var valuation = await wh.GetAsync("/api/v1/inventory/reports/valuation");
        Assert.Equal(45m, Amount(valuation.GetProperty("totalValue")));
        Assert.Equal(45m, await wh.AccountBalanceAsync("1200"));
        Assert.Equal(120m, await wh.AccountBalanceAsync("5000"));
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_lot_is_traced_from_its_supplier_and_receipt_to_the_customer_it_was_delivered_to()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("LOT-1", tracking: "lot");
        var supplier = Guid.NewGuid();
        var customer = Guid.NewGuid();
        var receipt = await wh.PostAsync("/api/v1/inventory/moves", new
        {
            kind = "receipt", productId = product, quantity = 30, warehouseId = wh.WarehouseId, unitCost = InventoryClient.Eur(2m), scheduledDate = InventoryClient.Date,
            done = true, partyId = supplier, reference = "PO-77", source = new { type = "purchase_order", id = Guid.NewGuid(), lineId = Guid.NewGuid() },
            lines = new object[] { new { lot = "L-1", quantity = 20, expiryDate = "2027-01-31" }, new { lot = "L-2", quantity = 10 } },
        }, HttpStatusCode.Created);
        Assert.Equal(2, receipt.GetProperty("lines").GetArrayLength());
        await wh.DeliverAsync(product, 12, [new { lot = "L-1", quantity = 12 }], customer);

        var lot = Assert.Single((await wh.GetAsync($"/api/v1/inventory/lots?product={product}&number=L-1")).EnumerateArray());
        Assert.Equal(8m, lot.GetProperty("onHand").GetDecimal());
        Assert.Equal("2027-01-31", lot.GetProperty("expiryDate").GetString());
        var trace = await wh.GetAsync($"/api/v1/inventory/lots/{lot.GetProperty("id").GetGuid()}/trace");
        Assert.Equal(supplier, trace.GetProperty("lot").GetProperty("supplierId").GetGuid());
        Assert.Equal("PO-77", trace.GetProperty("origin").GetProperty("reference").GetString());
        Assert.Equal("purchase_order", trace.GetProperty("origin").GetProperty("source").GetProperty("type").GetString());
        Assert.Equal(20m, trace.GetProperty("origin").GetProperty("quantity").GetDecimal());
        Assert.Equal([customer], trace.GetProperty("customers").EnumerateArray().Select(c => c.GetGuid()));
        Assert.Equal(12m, Assert.Single(trace.GetProperty("deliveries").EnumerateArray()).GetProperty("quantity").GetDecimal());

        var stock = await wh.GetAsync($"/api/v1/inventory/stock?product={product}&warehouse={wh.WarehouseId}");
        Assert.Equal(new[] { ("L-1", 8m), ("L-2", 10m) }, stock.GetProperty("items").EnumerateArray()
            .Select(r => (r.GetProperty("lot").GetString()!, r.GetProperty("quantity").GetDecimal())).OrderBy(r => r.Item1));
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_stable_code_and_writes_nothing()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var plain = await wh.ProductAsync("PLAIN-1");
        var serial = await wh.ProductAsync("SER-1", tracking: "serial");
        var lotted = await wh.ProductAsync("LOT-2", tracking: "lot");
        await wh.ReceiveAsync(plain, 5, 3m);
        await wh.ReceiveAsync(serial, 2, 100m, [new { serial = "S-1" }, new { serial = "S-2" }]);
        await wh.ReceiveAsync(lotted, 4, 1m, [new { lot = "A" }]);
        var done = await wh.DeliverAsync(plain, 1);
        var before = await wh.StateAsync();

        async Task Refused(object body, HttpStatusCode status, string code)
        {
            var response = await wh.MoveAsync(body);
            Assert.True(response.StatusCode == status, $"{code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            Assert.Equal(code, await InventoryClient.CodeOf(response));
            Assert.Equal(before, await wh.StateAsync());
        }

        var date = InventoryClient.Date;
        await Refused(new { kind = "delivery", productId = plain, quantity = 5, warehouseId = wh.WarehouseId, scheduledDate = date, done = true }, HttpStatusCode.Conflict, "insufficient_stock");
        await Refused(new { kind = "delivery", productId = plain, quantity = 5, warehouseId = wh.WarehouseId, scheduledDate = date, reserve = true }, HttpStatusCode.Conflict, "insufficient_stock");
        await Refused(new { kind = "delivery", productId = plain, quantity = -1, warehouseId = wh.WarehouseId, done = true }, HttpStatusCode.BadRequest, "validation_failed");
        await Refused(new { kind = "delivery", productId = plain, quantity = 1, unit = "kg", warehouseId = wh.WarehouseId, done = true }, HttpStatusCode.UnprocessableEntity, "unit_not_convertible");
        await Refused(new { kind = "delivery", productId = serial, quantity = 1, warehouseId = wh.WarehouseId, scheduledDate = date, done = true }, HttpStatusCode.UnprocessableEntity, "serial_required");
        await Refused(new { kind = "receipt", productId = serial, quantity = 1, warehouseId = wh.WarehouseId, unitCost = InventoryClient.Eur(1m), scheduledDate = date, done = true, lines = new[] { new { serial = "S-1" } } },
            HttpStatusCode.Conflict, "serial_duplicate");
        await Refused(new { kind = "receipt", productId = serial, quantity = 2, warehouseId = wh.WarehouseId, unitCost = InventoryClient.Eur(1m), scheduledDate = date, done = true, lines = new[] { new { serial = "S-9" }, new { serial = "S-9" } } },
            HttpStatusCode.Conflict, "serial_duplicate");
        await Refused(new { kind = "delivery", productId = lotted, quantity = 1, warehouseId = wh.WarehouseId, scheduledDate = date, done = true }, HttpStatusCode.UnprocessableEntity, "lot_required");
        await Refused(new { kind = "delivery", productId = lotted, quantity = 5, warehouseId = wh.WarehouseId, scheduledDate = date, done = true, lines = new[] { new { lot = "A" } } }, HttpStatusCode.Conflict, "insufficient_stock");
        await Refused(new { kind = "teleport", productId = plain, quantity = 1, warehouseId = wh.WarehouseId }, HttpStatusCode.BadRequest, "validation_failed");
        await Refused(new { kind = "receipt", productId = plain, quantity = 1, warehouseId = wh.WarehouseId }, HttpStatusCode.BadRequest, "validation_failed");
        await Refused(new { kind = "receipt", productId = Guid.NewGuid(), quantity = 1, warehouseId = wh.WarehouseId, unitCost = InventoryClient.Eur(1m) }, HttpStatusCode.NotFound, "not_found");
        await Refused(new { kind = "delivery", productId = plain, quantity = 1, warehouseId = wh.WarehouseId, scheduledDate = "2031-01-01", done = true }, HttpStatusCode.UnprocessableEntity, "period_missing");

        // The ledger refuses a closed month, so the delivery that would post into it changes no stock either.
        var january = (await wh.GetAsync("/api/v1/accounting/periods?year=2025")).EnumerateArray().Single(p => p.GetProperty("number").GetInt32() == 1);
        await wh.PostAsync($"/api/v1/accounting/periods/{january.GetProperty("id").GetGuid()}/close", null, HttpStatusCode.OK);
        await Refused(new { kind = "delivery", productId = plain, quantity = 1, warehouseId = wh.WarehouseId, scheduledDate = "2025-01-20", done = true }, HttpStatusCode.UnprocessableEntity, "period_closed");

        var cancel = await wh.Http.PostAsync($"/api/v1/inventory/moves/{done.GetProperty("id").GetGuid()}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("move_done", await InventoryClient.CodeOf(cancel));
        Assert.Equal(before, await wh.StateAsync());

        // A box of 12 converts to pieces: a receipt of 1 box is 12 pieces.
        var boxes = await wh.PostAsync("/api/v1/inventory/moves", new { kind = "receipt", productId = plain, quantity = 1, unit = "box12", warehouseId = wh.WarehouseId, unitCost = InventoryClient.Eur(3m), scheduledDate = date, done = true }, HttpStatusCode.Created);
        Assert.Equal(12m, boxes.GetProperty("quantity").GetDecimal());
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task Reservations_atp_and_reorder_proposals_read_the_same_outlook()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("ATP-1");
        await wh.ReceiveAsync(product, 10, 4m);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var reserved = await wh.PostAsync("/api/v1/inventory/moves", new { kind = "delivery", productId = product, quantity = 4, warehouseId = wh.WarehouseId, reserve = true }, HttpStatusCode.Created);
        Assert.Equal("reserved", reserved.GetProperty("status").GetString());
        await wh.PostAsync("/api/v1/inventory/moves", new { kind = "receipt", productId = product, quantity = 5, warehouseId = wh.WarehouseId, unitCost = InventoryClient.Eur(4m), scheduledDate = today.AddDays(3).ToString("yyyy-MM-dd") }, HttpStatusCode.Created);
        await wh.PostAsync("/api/v1/inventory/moves", new { kind = "delivery", productId = product, quantity = 2, warehouseId = wh.WarehouseId, scheduledDate = today.AddDays(5).ToString("yyyy-MM-dd") }, HttpStatusCode.Created);

        // Available now 10 − 4 = 6; +5 on day 3 = 11; −2 on day 5 = 9.
        var now = await wh.GetAsync($"/api/v1/inventory/atp?product={product}&quantity=6&warehouse={wh.WarehouseId}");
        Assert.Equal(today.ToString("yyyy-MM-dd"), now.GetProperty("date").GetString());
        Assert.Equal("stock", now.GetProperty("basis").GetString());
        Assert.Equal(6m, now.GetProperty("availableNow").GetDecimal());
        var later = await wh.GetAsync($"/api/v1/inventory/atp?product={product}&quantity=9&warehouse={wh.WarehouseId}");
        Assert.Equal(today.AddDays(3).ToString("yyyy-MM-dd"), later.GetProperty("date").GetString());
        Assert.Equal(new[] { 6m, 11m, 9m }, later.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("available").GetDecimal()));
        var tooMuch = await wh.GetAsync($"/api/v1/inventory/atp?product={product}&quantity=10&warehouse={wh.WarehouseId}");
        Assert.Equal("lead_time", tooMuch.GetProperty("basis").GetString());
        Assert.Equal(today.AddDays(10).ToString("yyyy-MM-dd"), tooMuch.GetProperty("date").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await wh.Http.GetAsync($"/api/v1/inventory/atp?product={product}&quantity=-1", Ct)).StatusCode);

        // Forecast 9 is below the minimum 12: propose up to the maximum 30, i.e. 21.
        Assert.Equal(HttpStatusCode.OK, (await wh.Http.PutAsJsonAsync("/api/v1/inventory/reorder-rules", new { productId = product, warehouseId = wh.WarehouseId, min = 12, max = 30 }, Ct)).StatusCode);
        var proposal = Assert.Single((await wh.GetAsync("/api/v1/inventory/replenishment")).EnumerateArray());
        Assert.Equal(9m, proposal.GetProperty("forecast").GetDecimal());
        Assert.Equal(21m, proposal.GetProperty("quantity").GetDecimal());

        // The reservation is released by cancelling; completing the move takes what it reserved.
        var cancelled = await wh.PostAsync($"/api/v1/inventory/moves/{reserved.GetProperty("id").GetGuid()}/cancel", null, HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        var level = Assert.Single((await wh.GetAsync($"/api/v1/inventory/stock/levels?product={product}")).EnumerateArray());
        Assert.Equal(0m, level.GetProperty("reserved").GetDecimal());
        var again = await wh.PostAsync("/api/v1/inventory/moves", new { kind = "delivery", productId = product, quantity = 10, warehouseId = wh.WarehouseId, scheduledDate = InventoryClient.Date, reserve = true }, HttpStatusCode.Created);
        var delivered = await wh.PostAsync($"/api/v1/inventory/moves/{again.GetProperty("id").GetGuid()}/done", new { date = InventoryClient.Date }, HttpStatusCode.OK);
        Assert.Equal("done", delivered.GetProperty("status").GetString());
        Assert.Equal(-40m, Amount(delivered.GetProperty("value")));
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_count_posts_its_variances_as_valued_adjustments()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("CNT-1");
        var other = await wh.ProductAsync("CNT-2");
        await wh.ReceiveAsync(product, 10, 3m);
        await wh.ReceiveAsync(other, 4, 2.5m);
        var sheet = await wh.PostAsync("/api/v1/inventory/counts", new { locationId = wh.StockLocationId }, HttpStatusCode.Created);
        Assert.Equal(2, sheet.GetProperty("lines").GetArrayLength());
        var id = sheet.GetProperty("id").GetGuid();
        var incomplete = await wh.Http.PostAsync($"/api/v1/inventory/counts/{id}/post", null, Ct);
        Assert.Equal("count_incomplete", await InventoryClient.CodeOf(incomplete));
        var entered = await wh.Http.PutAsJsonAsync($"/api/v1/inventory/counts/{id}/lines", new { lines = new[] { new { productId = product, counted = 8m }, new { productId = other, counted = 5m } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, entered.StatusCode);
        var posted = await wh.PostAsync($"/api/v1/inventory/counts/{id}/post", null, HttpStatusCode.OK);
        Assert.Equal(2, posted.GetProperty("adjustments").GetArrayLength());

        // Two missing at 3.00 = 6.00 written off; one found at the average 2.50 = 2.50 gained: net 3.50 to the adjustment account.
        // Inventory 30.00 + 10.00 − 6.00 + 2.50 = 36.50.
        Assert.Equal(3.5m, await wh.AccountBalanceAsync("5100"));
        Assert.Equal(36.5m, await wh.AccountBalanceAsync("1200"));
        Assert.Equal(36.5m, Amount((await wh.GetAsync("/api/v1/inventory/reports/valuation")).GetProperty("totalValue")));
        var again = await wh.Http.PostAsync($"/api/v1/inventory/counts/{id}/post", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task Other_modules_reserve_deliveries_and_plan_receipts_through_the_contract()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("CONTRACT-1");
        await wh.ReceiveAsync(product, 6, 2m);
        var order = Guid.NewGuid();
        await using (var scope = server.ScopeFor(wh.CompanyId))
        {
            var inventory = scope.ServiceProvider.GetRequiredService<IInventoryModule>();
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using (var unit = await session.BeginAsync(Ct))
            {
                var delivery = await inventory.CreateDeliveryAsync(new DeliveryRequest(product, 4, null, wh.WarehouseId, null, null, new SourceDocument("sales_order", order)), Ct);
                Assert.Equal("reserved", delivery.Value.Status);
                var receipt = await inventory.CreateReceiptAsync(new ReceiptRequest(product, 1, "box12", wh.WarehouseId, null, new Money(2m, CurrencyCode.Eur), null, new SourceDocument("purchase_order", order)), Ct);
                Assert.Equal(12m, receipt.Value.Quantity);
                await unit.CommitAsync(Ct);
            }
            await using (var unit = await session.BeginAsync(Ct))
            {
                var refused = await inventory.CreateDeliveryAsync(new DeliveryRequest(product, 3, null, wh.WarehouseId, null, null, null), Ct);
                Assert.Equal("insufficient_stock", refused.Error!.Code);
            }
            var level = await inventory.GetStockAsync(product, wh.WarehouseId, Ct);
            Assert.Equal((6m, 4m, 2m), (level.OnHand, level.Reserved, level.Available));
        }
        var sourced = await wh.GetAsync($"/api/v1/inventory/moves?source=sales_order&sourceId={order}");
        Assert.Single(sourced.GetProperty("items").EnumerateArray());
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task Parallel_reservations_never_reserve_more_than_is_available()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("SCARCE-1");
        await wh.ReceiveAsync(product, 5, 1m);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            var (email, password) = await server.CreateUserAsync(["warehouse"], wh.CompanyId);
            clients.Add(await server.ClientFor(email, password));
        }
        using var start = new SemaphoreSlim(0);
        var attempts = clients.Select(async http =>
        {
            await start.WaitAsync(Ct);
            var response = await http.PostAsJsonAsync("/api/v1/inventory/moves", new { kind = "delivery", productId = product, quantity = 1, warehouseId = wh.WarehouseId, reserve = true }, Ct);
            return (response.StatusCode, await InventoryClient.CodeOf(response));
        }).ToList();
        start.Release(clients.Count);
        var results = await Task.WhenAll(attempts);

        // 5 on hand, 8 clients asking 1 each: exactly 5 reserve, 3 are refused.
        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal("insufficient_stock", r.Item2));
        var level = Assert.Single((await wh.GetAsync($"/api/v1/inventory/stock/levels?product={product}")).EnumerateArray());
        Assert.Equal(5m, level.GetProperty("reserved").GetDecimal());
        Assert.Equal(0m, level.GetProperty("available").GetDecimal());
        await wh.AssertConsistentAsync();
    }
}

public sealed class InventoryApiTestsOnSqlite(SqliteServer server) : InventoryApiTests(server), IClassFixture<SqliteServer>;

public sealed class InventoryApiTestsOnPostgres(PostgresServer server) : InventoryApiTests(server), IClassFixture<PostgresServer>;
