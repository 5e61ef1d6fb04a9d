using Microsoft.Extensions.DependencyInjection;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Features;
using Tandem.Catalog.Features.Categories;
using Tandem.Catalog.Features.CreateProduct;
using Tandem.Catalog.Features.PriceLists;
using Tandem.Catalog.Features.Units;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Demo;

internal static class CatalogDemo
{
    private static readonly ProductInput[] Products =
    [
        new("BIKE-RD-200", "Road bike 200", ProductKind.Goods, "pc", new Money(1249.00m, CurrencyCode.Eur), "Bikes / Road"),
        new("BIKE-MTB-300", "Mountain bike 300", ProductKind.Goods, "pc", new Money(1590.00m, CurrencyCode.Eur), "Bikes / Mountain"),
        new("HELMET-AERO", "Aero helmet", ProductKind.Goods, "pc", new Money(89.90m, CurrencyCode.Eur), "Accessories"),
        new("TUBE-700C", "Inner tube 700c", ProductKind.Goods, "pc", new Money(6.50m, CurrencyCode.Eur), "Parts"),
        new("CHAIN-11S", "Chain 11-speed", ProductKind.Goods, "pc", new Money(34.95m, CurrencyCode.Eur), "Parts"),
        new("GREASE-1KG", "Bearing grease", ProductKind.Goods, "kg", new Money(18.40m, CurrencyCode.Eur), "Consumables"),
        new("SVC-TUNEUP", "Annual tune-up", ProductKind.Service, "h", new Money(65.00m, CurrencyCode.Eur), "Services"),
        new("SVC-FIT", "Bike fitting session", ProductKind.Service, "h", new Money(120.00m, CurrencyCode.Eur), "Services"),
    ];

    private static readonly UnitInput[] Units =
    [
        new("pc", "Piece", "count", 1m),
        new("box12", "Box of 12", "count", 12m),
        new("kg", "Kilogram", "mass", 1m),
        new("g", "Gram", "mass", 0.001m),
        new("min", "Minute", "time", 1m),
        new("h", "Hour", "time", 60m),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var units = services.GetRequiredService<UnitCatalog>();
        foreach (var unit in Units)
            Check((await units.CreateAsync(unit, ct)).Error, unit.Code);

        var categories = services.GetRequiredService<CategoryCatalog>();
        var bikes = await categories.CreateAsync(new CategoryInput("Bikes"), ct);
        Check(bikes.Error, "Bikes");
        foreach (var child in new[] { "Road", "Mountain" })
            Check((await categories.CreateAsync(new CategoryInput(child, bikes.Value.Id), ct)).Error, child);
        foreach (var name in new[] { "Accessories", "Parts", "Consumables", "Services" })
            Check((await categories.CreateAsync(new CategoryInput(name), ct)).Error, name);

        var handler = services.GetRequiredService<CreateProductHandler>();
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var product in Products)
        {
            var result = await handler.HandleAsync(product, ct);
            Check(result.Error, product.Sku);
            ids[product.Sku] = result.Value.Id;
        }

        // Retail prices with quantity breaks this year, and next year's version already agreed.
        var lists = services.GetRequiredService<PriceListCatalog>();
        Check((await lists.CreateAsync(new PriceListInput("RETAIL", "Retail 2026", "EUR", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
        [
            new(ids["TUBE-700C"], 1, 6.00m), new(ids["TUBE-700C"], 10, 5.50m), new(ids["TUBE-700C"], 50, 4.90m),
            new(ids["CHAIN-11S"], 1, 34.95m), new(ids["CHAIN-11S"], 12, 31.50m),
            new(ids["HELMET-AERO"], 1, 89.90m), new(ids["HELMET-AERO"], 5, 84.00m),
        ]), ct)).Error, "RETAIL 2026");
        Check((await lists.CreateAsync(new PriceListInput("RETAIL", "Retail 2027", "EUR", new DateOnly(2027, 1, 1), null,
        [
            new(ids["TUBE-700C"], 1, 6.20m), new(ids["TUBE-700C"], 10, 5.70m),
        ]), ct)).Error, "RETAIL 2027");
    }

    private static void Check(Error? error, string what)
    {
        if (error is not null)
            throw new InvalidOperationException($"Demo catalog record {what} was refused: {error.Code}");
    }
}
