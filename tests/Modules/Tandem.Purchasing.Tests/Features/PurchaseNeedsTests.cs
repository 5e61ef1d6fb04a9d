using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Persistence;
using Tandem.Purchasing.Contracts;
using Tandem.SharedKernel;
using Tandem.Testing;

namespace Tandem.Purchasing.Tests.Features;

/// <summary>Shortages of sales orders become draft purchase orders at the best supplier, in the caller's unit of work.</summary>
public abstract class PurchaseNeedsTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Result<IReadOnlyList<Guid>>> ProposeAsync(PurchasingClient buyer, IReadOnlyList<PurchaseNeed> needs, bool commit = true)
    {
        await using var scope = server.ScopeFor(buyer.CompanyId);
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await using var unit = await session.BeginAsync(Ct);
        var result = await scope.ServiceProvider.GetRequiredService<IPurchasingModule>().ProposeAsync(needs, Ct);
        if (result.IsSuccess && commit)
            await unit.CommitAsync(Ct);
        return result;
    }

    private static async Task PriceAsync(PurchasingClient buyer, Guid supplier, Guid product, decimal min, decimal price) =>
        await buyer.PostAsync("/api/v1/purchasing/prices", new { supplierId = supplier, productId = product, minQuantity = min, unitPrice = PurchasingClient.Eur(price) }, HttpStatusCode.Created);

    [Fact]
    public async Task Needs_become_one_draft_per_best_supplier_and_lines_say_what_they_are_for()
    {
        var buyer = await PurchasingClient.NewCompanyAsync(server);
        var frame = await buyer.ProductAsync("FRAME-N", leadTimeDays: 5);
        var wheel = await buyer.ProductAsync("WHEEL-N");
        var bell = await buyer.ProductAsync("BELL-N");
        var orphan = await buyer.ProductAsync("ORPHAN-N");
        await PriceAsync(buyer, buyer.SupplierId, frame, 1, 50m);
        await PriceAsync(buyer, buyer.OtherSupplierId, frame, 1, 55m);
        await PriceAsync(buyer, buyer.OtherSupplierId, wheel, 1, 8m);
        await PriceAsync(buyer, buyer.SupplierId, wheel, 10, 7.5m);
        await PriceAsync(buyer, buyer.SupplierId, bell, 1, 2m);
        var order = Guid.NewGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // Frames at 50.00 and 12 wheels at 7.50 (≥ 10) from the first supplier; 4 wheels at 8.00 (under 10) and nothing for the orphan.
        var ids = await ProposeAsync(buyer,
        [
            new(frame, 3m, buyer.WarehouseId, today.AddDays(7), "sales_order", order, "SO-2025-00012"),
            new(wheel, 12m, buyer.WarehouseId, today.AddDays(7), "sales_order", order, "SO-2025-00012"),
            new(wheel, 4m, buyer.WarehouseId, today.AddDays(7), "sales_order", Guid.NewGuid(), "SO-2025-00013"),
            new(orphan, 1m, buyer.WarehouseId, today.AddDays(7), "sales_order", order, "SO-2025-00012"),
        ]);
        Assert.True(ids.IsSuccess, ids.Error?.Message);
        Assert.Equal(2, ids.Value.Count);
        var orders = new List<System.Text.Json.JsonElement>();
        foreach (var id in ids.Value)
            orders.Add(await buyer.OrderByIdAsync(id));
        var first = orders.Single(o => o.GetProperty("supplierId").GetGuid() == buyer.SupplierId);
        var other = orders.Single(o => o.GetProperty("supplierId").GetGuid() == buyer.OtherSupplierId);
        Assert.All(orders, o => Assert.Equal("draft", o.GetProperty("status").GetString()));

        // First supplier: 3 × 50.00 + 12 × 7.50 = 150.00 + 90.00 = 240.00. Other: 4 × 8.00 = 32.00.
        Assert.Equal(240m, PurchasingClient.Amount(first.GetProperty("total")));
        Assert.Equal(32m, PurchasingClient.Amount(other.GetProperty("total")));
        Assert.Equal(["FRAME-N FRAME-N (for SO-2025-00012)", "WHEEL-N WHEEL-N (for SO-2025-00012)"],
            first.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("description").GetString()));
        Assert.Equal("WHEEL-N WHEEL-N (for SO-2025-00013)", other.Line(1).GetProperty("description").GetString());
        Assert.Equal("For SO-2025-00012", first.GetProperty("reference").GetString());
        // Expected after the longest lead time on the order: frames 5 days, wheels 7.
        Assert.Equal(today.AddDays(7).ToString("yyyy-MM-dd"), first.GetProperty("expectedDate").GetString());
    }

    [Fact]
    public async Task Nothing_placeable_is_refused_with_no_supplier_and_a_rolled_back_unit_leaves_nothing()
    {
        var buyer = await PurchasingClient.NewCompanyAsync(server);
        var orphan = await buyer.ProductAsync("ORPHAN-M");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var none = await ProposeAsync(buyer, [new(orphan, 2m, buyer.WarehouseId, today, "sales_order", Guid.NewGuid(), "SO-1")]);
        Assert.Equal("no_supplier", none.Error!.Code);

        var bad = await ProposeAsync(buyer, [new(orphan, -2m, Guid.Empty, today, null, null, null)]);
        Assert.Equal("validation_failed", bad.Error!.Code);
        Assert.Contains("needs[0].quantity", bad.Error.Fields!.Keys);
        Assert.Contains("needs[0].warehouseId", bad.Error.Fields!.Keys);

        // Placed but the caller's unit of work rolls back: no draft is left.
        await PriceAsync(buyer, buyer.SupplierId, orphan, 1, 3m);
        var rolledBack = await ProposeAsync(buyer, [new(orphan, 2m, buyer.WarehouseId, today, null, null, null)], commit: false);
        Assert.Single(rolledBack.Value);
        Assert.Empty((await buyer.GetAsync("/api/v1/purchasing/orders?status=draft")).GetProperty("items").EnumerateArray());
    }
}

public sealed class PurchaseNeedsOnSqlite(SqliteServer server) : PurchaseNeedsTests(server), IClassFixture<SqliteServer>;

public sealed class PurchaseNeedsOnPostgres(PostgresServer server) : PurchaseNeedsTests(server), IClassFixture<PostgresServer>;
