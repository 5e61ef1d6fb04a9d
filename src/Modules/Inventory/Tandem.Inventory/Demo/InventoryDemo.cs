using Microsoft.Extensions.DependencyInjection;
using Tandem.Catalog.Contracts;
using Tandem.Inventory.Domain;
using Tandem.Inventory.Features.Moves;
using Tandem.Inventory.Features.Planning;
using Tandem.Inventory.Features.Warehouses;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Demo;

/// <summary>
/// The demo company's stock: two warehouses, serial-tracked bikes, lot-tracked inner tubes with expiry dates,
/// untracked helmets and chains (the chains at moving average), and a short history of receipts, deliveries, a
/// transfer and a scrap, made through the same handlers users go through; plus an open receipt and a reserved
/// delivery to process, and a reorder rule that proposes a purchase.
/// </summary>
internal static class InventoryDemo
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var catalog = services.GetRequiredService<ICatalogModule>();
        var warehouses = services.GetRequiredService<WarehouseHandler>();
        var moves = services.GetRequiredService<MoveHandler>();
        var planning = services.GetRequiredService<PlanningHandler>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

        var main = Check(await warehouses.CreateAsync(new WarehouseInput("MAIN", "Main warehouse"), ct), "MAIN");
        var east = Check(await warehouses.CreateAsync(new WarehouseInput("EAST", "East depot"), ct), "EAST");
        Check(await warehouses.AddLocationAsync(main.Id, new LocationInput(null, "A-01"), ct), "A-01");

        async Task<Guid> Product(string sku, Tracking tracking, ValuationMethod? valuation, int leadTime)
        {
            var product = await catalog.FindBySkuAsync(sku, ct) ?? throw new InvalidOperationException($"Demo product {sku} is missing.");
            Check(await warehouses.SaveSettingsAsync(product.Id, new SettingsInput(tracking, valuation, null, leadTime), ct), sku);
            return product.Id;
        }
        var bike = await Product("BIKE-RD-200", Tracking.Serial, null, 21);
        var tube = await Product("TUBE-700C", Tracking.Lot, null, 7);
        var helmet = await Product("HELMET-AERO", Tracking.None, null, 10);
        var chain = await Product("CHAIN-11S", Tracking.None, ValuationMethod.Average, 14);

        async Task Move(MoveInput input, string what) => Check(await moves.CreateAsync(input with { ScheduledDate = input.ScheduledDate ?? today }, ct), what);

        await Move(new MoveInput("receipt", bike, 3, WarehouseId: main.Id, UnitCost: 720m, Reference: "PO-DEMO-1", Done: true,
            Lines: [new(Serial: "RD200-0001"), new(Serial: "RD200-0002"), new(Serial: "RD200-0003")]), "bikes");
        await Move(new MoveInput("receipt", tube, 100, WarehouseId: main.Id, UnitCost: 2.10m, Reference: "PO-DEMO-2", Done: true,
            Lines: [new(Lot: "T-2401", Quantity: 60, ExpiryDate: today.AddYears(2)), new(Lot: "T-2402", Quantity: 40, ExpiryDate: today.AddYears(3))]), "tubes");
        await Move(new MoveInput("receipt", helmet, 20, WarehouseId: main.Id, UnitCost: 41m, Reference: "PO-DEMO-3", Done: true), "helmets");
        await Move(new MoveInput("receipt", helmet, 10, WarehouseId: main.Id, UnitCost: 44m, Reference: "PO-DEMO-4", Done: true), "helmets 2");
        await Move(new MoveInput("receipt", chain, 50, WarehouseId: main.Id, UnitCost: 15m, Reference: "PO-DEMO-5", Done: true), "chains");
        await Move(new MoveInput("receipt", chain, 30, WarehouseId: east.Id, UnitCost: 16.60m, Reference: "PO-DEMO-6", Done: true), "chains east");
        await Move(new MoveInput("delivery", helmet, 12, WarehouseId: main.Id, Reference: "SO-DEMO-1", Done: true), "helmet delivery");
        await Move(new MoveInput("delivery", bike, 1, WarehouseId: main.Id, Reference: "SO-DEMO-2", Done: true, Lines: [new(Serial: "RD200-0002")]), "bike delivery");
        await Move(new MoveInput("delivery", tube, 25, WarehouseId: main.Id, Reference: "SO-DEMO-3", Done: true, Lines: [new(Lot: "T-2401")]), "tube delivery");
        await Move(new MoveInput("transfer", helmet, 5, FromLocationId: main.StockLocationId, ToLocationId: east.StockLocationId, Reference: "Rebalance", Done: true), "transfer");
        await Move(new MoveInput("scrap", chain, 2, WarehouseId: main.Id, Reference: "Damaged in storage", Done: true), "scrap");
        await Move(new MoveInput("receipt", helmet, 24, WarehouseId: main.Id, UnitCost: 43m, Reference: "PO-DEMO-7", ScheduledDate: today.AddDays(5)), "open receipt");
        await Move(new MoveInput("delivery", chain, 8, WarehouseId: main.Id, Reference: "SO-DEMO-4", ScheduledDate: today.AddDays(2), Reserve: true), "open delivery");
        Check(await planning.SaveRuleAsync(new ReorderRuleInput(tube, main.Id, 80, 200), ct), "reorder rule");
    }

    private static T Check<T>(Result<T> result, string what) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Inventory demo {what}: {result.Error!.Code} {result.Error.Message}");
}
