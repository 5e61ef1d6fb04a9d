using Microsoft.Extensions.DependencyInjection;
using Tandem.Catalog.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Parties.Contracts;
using Tandem.Purchasing.Features.Orders;
using Tandem.Purchasing.Features.Receipts;
using Tandem.Purchasing.Features.Settings;
using Tandem.Purchasing.Features.SupplierPrices;
using Tandem.SharedKernel;

namespace Tandem.Purchasing.Demo;

/// <summary>
/// The demo company's purchasing: two suppliers with price lists (volume breaks, one price that has expired), an
/// approval threshold of 5,000, and open orders in every state (a draft, one waiting for approval, one approved,
/// one partly received with two serial-numbered bikes), made through the same handlers users go through. The inner
/// tubes are left below their reorder rule's minimum, so the proposals screen has something to propose.
/// </summary>
internal static class PurchasingDemo
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var catalog = services.GetRequiredService<ICatalogModule>();
        var parties = services.GetRequiredService<IPartiesModule>();
        var inventory = services.GetRequiredService<IInventoryModule>();
        var prices = services.GetRequiredService<SupplierPriceHandler>();
        var orders = services.GetRequiredService<OrderHandler>();
        var receipts = services.GetRequiredService<ReceiptHandler>();
        var settings = services.GetRequiredService<SettingsHandler>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var eur = CurrencyCode.Eur;

        async Task<Guid> Supplier(string name) =>
            (await parties.FindDuplicatesAsync(new DuplicateQuery(Name: name), ct)) is [var found, ..]
                ? found.PartyId
                : throw new InvalidOperationException($"Demo supplier {name} is missing.");
        async Task<Guid> Product(string sku) =>
            (await catalog.FindBySkuAsync(sku, ct))?.Id ?? throw new InvalidOperationException($"Demo product {sku} is missing.");
        var fabrikam = await Supplier("Fabrikam Components");
        var litware = await Supplier("Litware Logistics");
        var bike = await Product("BIKE-RD-200");
        var tube = await Product("TUBE-700C");
        var helmet = await Product("HELMET-AERO");
        var chain = await Product("CHAIN-11S");
        var main = (await inventory.ListWarehousesAsync(ct)).First(w => w.Code == "MAIN").Id;

        Check(await settings.SaveAsync(new SettingsInput(new Money(5000m, eur), 5m, 0m, 2m), _ => null, ct), "settings");
        foreach (var (supplier, product, min, price, from, to) in new (Guid, Guid, decimal, decimal, DateOnly?, DateOnly?)[]
        {
            (fabrikam, bike, 1, 720m, null, null),
            (fabrikam, bike, 5, 690m, null, null),
            (fabrikam, tube, 1, 2.10m, null, null),
            (fabrikam, tube, 100, 1.95m, null, null),
            (litware, tube, 1, 2.05m, null, today.AddDays(-30)),
            (litware, tube, 50, 2.00m, today.AddDays(-29), null),
            (litware, helmet, 1, 43m, null, null),
            (fabrikam, helmet, 10, 42.50m, null, null),
            (litware, chain, 1, 15.40m, null, null),
            (fabrikam, chain, 20, 14.90m, null, null),
        })
            Check(await prices.CreateAsync(new PriceInput(supplier, product, min, new Money(price, eur), from, to), ct), "price");

        async Task<OrderDto> Draft(Guid supplier, params (Guid Product, decimal Quantity)[] lines) =>
            Check(await orders.CreateAsync(new OrderInput(supplier, main, null, today.AddDays(-3), null, null,
                lines.Select(l => new OrderLineInput(l.Product, l.Quantity)).ToList()), ct), "order");

        await Draft(litware, (helmet, 20), (chain, 30));
        var big = await Draft(fabrikam, (bike, 8));
        Check(await orders.ConfirmAsync(big.Id, ct), "order to approve");
        var approved = await Draft(litware, (helmet, 12));
        Check(await orders.ConfirmAsync(approved.Id, ct), "approved order");
        var partial = await Draft(fabrikam, (bike, 4), (chain, 20));
        var confirmed = Check(await orders.ConfirmAsync(partial.Id, ct), "partly received order");
        var bikeLine = confirmed.Lines.Single(l => l.ProductId == bike);
        Check(await receipts.ReceiveAsync(partial.Id, new ReceiveInput(today.AddDays(-1), "First delivery",
            [new ReceiveLineInput(bikeLine.Id, 2, [new LotEntry(Serial: "RD200-0101"), new LotEntry(Serial: "RD200-0102")])]), ct), "receipt");
    }

    private static T Check<T>(Result<T> result, string what) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Purchasing demo {what}: {result.Error!.Code} {result.Error.Message}");
}
