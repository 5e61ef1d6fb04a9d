using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Inventory.Contracts;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;
using Tandem.Testing;

namespace Tandem.Inventory.Tests.Features;

/// <summary>
/// What order to cash asks of the stock ledger through the contract: deliveries reserving what is there, partial
/// completion with backorders, cancellation, following moves, and goods a customer sends back.
/// </summary>
public abstract class FulfilmentTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = new(2025, 3, 10);

    /// <summary>Runs the call in a unit of work of its own, as another module would, committing only when it succeeds.</summary>
    private async Task<Result<T>> InUnitAsync<T>(InventoryClient wh, Func<IInventoryModule, Task<Result<T>>> call)
    {
        await using var scope = server.ScopeFor(wh.CompanyId);
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await using var unit = await session.BeginAsync(Ct);
        var result = await call(scope.ServiceProvider.GetRequiredService<IInventoryModule>());
        if (result.IsSuccess)
            await unit.CommitAsync(Ct);
        return result;
    }

    private async Task<T> AskAsync<T>(InventoryClient wh, Func<IInventoryModule, Task<T>> call)
    {
        await using var scope = server.ScopeFor(wh.CompanyId);
        return await call(scope.ServiceProvider.GetRequiredService<IInventoryModule>());
    }

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Code + ": " + result.Error?.Message);
        return result.Value;
    }

    private DeliveryRequest Delivery(InventoryClient wh, Guid product, decimal quantity, Guid order, bool available = true) =>
        new(product, quantity, null, wh.WarehouseId, null, Day, new SourceDocument("sales_order", order, Guid.NewGuid()), available);

    [Fact]
    public async Task A_short_delivery_reserves_what_is_there_and_ships_in_parts_with_a_backorder_at_fifo_cost()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("PART-1", valuation: "fifo");
        await wh.ReceiveAsync(product, 5, 4m);
        await wh.ReceiveAsync(product, 5, 6m);
        var order = Guid.NewGuid();

        // 10 on hand, 12 ordered: the delivery is made and reserves the 10 there are.
        var delivery = Ok(await InUnitAsync(wh, i => i.CreateDeliveryAsync(Delivery(wh, product, 12m, order), Ct)));
        Assert.Equal(("reserved", 12m, 10m), (delivery.Status, delivery.Quantity, delivery.Reserved));
        // Without reserving what is available, a shortfall is refused and nothing is made.
        var refused = await InUnitAsync(wh, i => i.CreateDeliveryAsync(Delivery(wh, product, 1m, order, available: false), Ct));
        Assert.Equal("insufficient_stock", refused.Error!.Code);
        // With nothing left, a delivery is still made, as a draft holding no reservation.
        var waiting = Ok(await InUnitAsync(wh, i => i.CreateDeliveryAsync(Delivery(wh, product, 2m, Guid.NewGuid()), Ct)));
        Assert.Equal(("draft", 0m), (waiting.Status, waiting.Reserved));
        Assert.Equal((10m, 10m, 0m), await LevelAsync(wh, product));
        // Available to promise still counts what the short delivery has not reserved (12 − 10 = 2) and the draft's 2 as issues to come.
        var atp = Ok(await AskAsync(wh, i => i.PromiseAsync(new AtpQuery(product, 1m, wh.WarehouseId), Ct)));
        Assert.Equal(-2m, atp.Timeline.Single(s => s.Reference == delivery.Number).Change);
        Assert.Equal(-2m, atp.Timeline.Single(s => s.Reference == waiting.Number).Change);

        // 7 shipped: FIFO 5 × 4.00 + 2 × 6.00 = 32.00 to cost of goods sold. The backorder keeps 5, reserved 10 − 7 = 3.
        var shipped = Ok(await InUnitAsync(wh, i => i.CompleteDeliveryAsync(new DeliveryCompletion(delivery.Id, 7m, Day), Ct)));
        Assert.Equal((delivery.Id, "done", 7m, 0m), (shipped.Done.Id, shipped.Done.Status, shipped.Done.Quantity, shipped.Done.Reserved));
        Assert.Equal(32m, shipped.Cost);
        var backorder = shipped.Backorder!;
        Assert.Equal(("reserved", 5m, 3m), (backorder.Status, backorder.Quantity, backorder.Reserved));
        Assert.NotEqual(delivery.Number, backorder.Number);
        Assert.Equal(32m, await wh.AccountBalanceAsync("5000"));
        Assert.Equal(50m - 32m, await wh.AccountBalanceAsync("1200"));
        Assert.Equal((3m, 3m, 0m), await LevelAsync(wh, product));

        // More than the backorder holds, or more than is on hand (3), is refused and changes nothing.
        var before = await wh.StateAsync();
        Assert.Equal("quantity_exceeds_move", (await InUnitAsync(wh, i => i.CompleteDeliveryAsync(new DeliveryCompletion(backorder.Id, 6m, Day), Ct))).Error!.Code);
        Assert.Equal("insufficient_stock", (await InUnitAsync(wh, i => i.CompleteDeliveryAsync(new DeliveryCompletion(backorder.Id, 5m, Day), Ct))).Error!.Code);
        Assert.Equal(before, await wh.StateAsync());

        // 2 more come in at 6.00; the backorder ships whole: 5 × 6.00 = 30.00, and no further backorder.
        await wh.ReceiveAsync(product, 2, 6m);
        var rest = Ok(await InUnitAsync(wh, i => i.CompleteDeliveryAsync(new DeliveryCompletion(backorder.Id, 5m, Day), Ct)));
        Assert.Null(rest.Backorder);
        Assert.Equal(30m, rest.Cost);
        Assert.Equal(62m, await wh.AccountBalanceAsync("5000"));
        Assert.Equal((0m, 0m, 0m), await LevelAsync(wh, product));

        // Both parts carry the order; both are done with nothing reserved; an unknown id is left out.
        var moves = await AskAsync(wh, i => i.GetMovesAsync([delivery.Id, backorder.Id, Guid.NewGuid()], Ct));
        Assert.Equal(2, moves.Count);
        Assert.All(moves, m => Assert.Equal(("done", 0m, order, "delivery", Day), (m.Status, m.Reserved, m.Source!.Id, m.Kind, m.DoneDate!.Value)));
        Assert.Equal([7m, 5m], moves.OrderBy(m => m.Number, StringComparer.Ordinal).Select(m => m.Quantity));
        Assert.Equal(moves[0].Source!.LineId, moves[1].Source!.LineId);
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task Partial_done_on_the_rest_endpoint_leaves_a_backorder()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("REST-1", valuation: "fifo");
        await wh.ReceiveAsync(product, 10, 2.5m);
        var move = await wh.PostAsync("/api/v1/inventory/moves", new { kind = "delivery", productId = product, quantity = 8, warehouseId = wh.WarehouseId, reserve = true }, HttpStatusCode.Created);
        var id = move.GetProperty("id").GetGuid();

        var tooMuch = await wh.Http.PostAsJsonAsync($"/api/v1/inventory/moves/{id}/done", new { quantity = 9, date = InventoryClient.Date }, Ct);
        Assert.Equal("quantity_exceeds_move", await InventoryClient.CodeOf(tooMuch));
        var zero = await wh.Http.PostAsJsonAsync($"/api/v1/inventory/moves/{id}/done", new { quantity = 0, date = InventoryClient.Date }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);

        // 3 of 8 done: 3 × 2.50 = 7.50; the backorder holds 5, still reserved.
        var done = await wh.PostAsync($"/api/v1/inventory/moves/{id}/done", new { quantity = 3, date = InventoryClient.Date }, HttpStatusCode.OK);
        Assert.Equal(("done", 3m), (done.GetProperty("status").GetString(), done.GetProperty("quantity").GetDecimal()));
        Assert.Equal(-7.5m, InventoryClient.Amount(done.GetProperty("value")));
        var backorder = done.GetProperty("backorder");
        Assert.Equal((5m, 5m), (backorder.GetProperty("quantity").GetDecimal(), backorder.GetProperty("reservedQuantity").GetDecimal()));
        var rest = await wh.GetAsync($"/api/v1/inventory/moves/{backorder.GetProperty("id").GetGuid()}");
        Assert.Equal(("reserved", "delivery"), (rest.GetProperty("status").GetString(), rest.GetProperty("kind").GetString()));
        Assert.Equal((7m, 5m, 2m), await LevelAsync(wh, product));
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task Serials_ship_in_part_and_one_comes_back_into_stock_at_its_cost()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("SER-O2C", tracking: "serial");
        await wh.ReceiveAsync(product, 3, 100m, [new { serial = "S-1" }, new { serial = "S-2" }, new { serial = "S-3" }]);
        var customer = Guid.NewGuid();
        var delivery = Ok(await InUnitAsync(wh, i => i.CreateDeliveryAsync(Delivery(wh, product, 3m, Guid.NewGuid()) with { CustomerId = customer }, Ct)));

        // Two serials named for a part of two; one serial for two units is refused.
        var wrong = await InUnitAsync(wh, i => i.CompleteDeliveryAsync(new DeliveryCompletion(delivery.Id, 2m, Day, [new LotEntry(Serial: "S-1")]), Ct));
        Assert.Equal("serial_required", wrong.Error!.Code);
        var shipped = Ok(await InUnitAsync(wh, i => i.CompleteDeliveryAsync(
            new DeliveryCompletion(delivery.Id, 2m, Day, [new LotEntry(Serial: "S-1"), new LotEntry(Serial: "S-2")]), Ct)));
        Assert.Equal(["S-1", "S-2"], shipped.Lots.Select(l => l.Serial));
        Assert.Equal(200m, shipped.Cost);
        Assert.Equal((1m, 1m), (shipped.Backorder!.Quantity, shipped.Backorder.Reserved));

        // S-1 comes back at the 100.00 it left at: inventory 300 − 200 + 100 = 200.00; cost of goods sold 200 − 100 = 100.00.
        var returned = Ok(await InUnitAsync(wh, i => i.ReceiveCustomerReturnAsync(new CustomerReturnRequest(
            product, 1m, wh.WarehouseId, customer, 100m, Day, new SourceDocument("sales_return", Guid.NewGuid()), [new LotEntry(Serial: "S-1")], "RMA-1"), Ct)));
        Assert.Equal(("return", "done", 100m), (returned.Kind, returned.Status, returned.Value));
        Assert.Equal(100m, await wh.AccountBalanceAsync("5000"));
        Assert.Equal(200m, await wh.AccountBalanceAsync("1200"));
        Assert.Equal((2m, 1m, 1m), await LevelAsync(wh, product));
        var detail = Assert.Single(await AskAsync(wh, i => i.GetMovesAsync([returned.Id], Ct)));
        Assert.Equal("S-1", Assert.Single(detail.Lots).Serial);
        var move = await wh.GetAsync($"/api/v1/inventory/moves/{returned.Id}");
        Assert.Equal("Partners/Customers", move.GetProperty("fromLocation").GetString());
        Assert.Equal("RMA-1", move.GetProperty("reference").GetString());

        // A serial the company never had cannot come back.
        var unknown = await InUnitAsync(wh, i => i.ReceiveCustomerReturnAsync(new CustomerReturnRequest(
            product, 1m, wh.WarehouseId, customer, 100m, Day, null, [new LotEntry(Serial: "S-99")]), Ct));
        Assert.Equal("serial_unknown", unknown.Error!.Code);
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task An_untracked_return_is_valued_at_the_given_cost()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("RET-1", valuation: "fifo");
        await wh.ReceiveAsync(product, 4, 5m);
        await wh.DeliverAsync(product, 4);
        // 3 back at 5.00 = 15.00: inventory 20 − 20 + 15 = 15.00; cost of goods sold 20 − 15 = 5.00.
        var returned = Ok(await InUnitAsync(wh, i => i.ReceiveCustomerReturnAsync(new CustomerReturnRequest(product, 3m, wh.WarehouseId, null, 5m, Day, null), Ct)));
        Assert.Equal(15m, returned.Value);
        Assert.Equal(15m, await wh.AccountBalanceAsync("1200"));
        Assert.Equal(5m, await wh.AccountBalanceAsync("5000"));
        var valuation = await wh.GetAsync("/api/v1/inventory/reports/valuation");
        Assert.Equal(15m, InventoryClient.Amount(valuation.GetProperty("totalValue")));
        var bad = await InUnitAsync(wh, i => i.ReceiveCustomerReturnAsync(new CustomerReturnRequest(product, -1m, wh.WarehouseId, null, 5m, Day, null), Ct));
        Assert.Equal("validation_failed", bad.Error!.Code);
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task Cancelling_releases_the_reservation_and_a_done_move_cannot_be_cancelled()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("CANCEL-1");
        await wh.ReceiveAsync(product, 6, 1m);
        var delivery = Ok(await InUnitAsync(wh, i => i.CreateDeliveryAsync(Delivery(wh, product, 4m, Guid.NewGuid()), Ct)));
        Assert.Equal((6m, 4m, 2m), await LevelAsync(wh, product));

        var cancelled = Ok(await InUnitAsync(wh, i => i.CancelMoveAsync(delivery.Id, Ct)));
        Assert.Equal(("cancelled", 0m), (cancelled.Status, cancelled.Reserved));
        Assert.Equal((6m, 0m, 6m), await LevelAsync(wh, product));
        Assert.Equal("move_cancelled", (await InUnitAsync(wh, i => i.CancelMoveAsync(delivery.Id, Ct))).Error!.Code);

        var shipped = Ok(await InUnitAsync(wh, i => i.CreateDeliveryAsync(Delivery(wh, product, 1m, Guid.NewGuid()), Ct)));
        Ok(await InUnitAsync(wh, i => i.CompleteDeliveryAsync(new DeliveryCompletion(shipped.Id, 1m, Day), Ct)));
        Assert.Equal("move_done", (await InUnitAsync(wh, i => i.CancelMoveAsync(shipped.Id, Ct))).Error!.Code);
        Assert.Equal("not_found", (await InUnitAsync(wh, i => i.CancelMoveAsync(Guid.NewGuid(), Ct))).Error!.Code);
        var receipt = (await wh.ReceiveAsync(product, 1, 1m)).GetProperty("id").GetGuid();
        Assert.Equal("move_not_delivery", (await InUnitAsync(wh, i => i.CompleteDeliveryAsync(new DeliveryCompletion(receipt, 1m, Day), Ct))).Error!.Code);
        await wh.AssertConsistentAsync();
    }

    [Fact]
    public async Task Parallel_deliveries_reserving_what_is_available_never_reserve_more_than_is_there()
    {
        var wh = await InventoryClient.NewCompanyAsync(server);
        var product = await wh.ProductAsync("SCARCE-O2C");
        await wh.ReceiveAsync(product, 5, 1m);
        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 8).Select(async _ =>
        {
            await start.WaitAsync(Ct);
            return await InUnitAsync(wh, i => i.CreateDeliveryAsync(Delivery(wh, product, 2m, Guid.NewGuid()), Ct));
        }).ToList();
        start.Release(8);
        var results = await Task.WhenAll(attempts);

        // 8 orders of 2 against 5 on hand: all 8 deliveries are made, and together they reserve exactly 5.
        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));
        Assert.Equal(5m, results.Sum(r => r.Value.Reserved));
        Assert.Equal(16m, results.Sum(r => r.Value.Quantity));
        Assert.Equal((5m, 5m, 0m), await LevelAsync(wh, product));
        var moves = await AskAsync(wh, i => i.GetMovesAsync(results.Select(r => r.Value.Id).ToList(), Ct));
        Assert.Equal(5m, moves.Sum(m => m.Reserved));
        await wh.AssertConsistentAsync();
    }

    private async Task<(decimal OnHand, decimal Reserved, decimal Available)> LevelAsync(InventoryClient wh, Guid product)
    {
        var level = await AskAsync(wh, i => i.GetStockAsync(product, wh.WarehouseId, Ct));
        return (level.OnHand, level.Reserved, level.Available);
    }
}

public sealed class FulfilmentTestsOnSqlite(SqliteServer server) : FulfilmentTests(server), IClassFixture<SqliteServer>;

public sealed class FulfilmentTestsOnPostgres(PostgresServer server) : FulfilmentTests(server), IClassFixture<PostgresServer>;
