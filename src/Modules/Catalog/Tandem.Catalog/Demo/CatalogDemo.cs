using Microsoft.Extensions.DependencyInjection;
using Tandem.Catalog.Contracts;
using Tandem.Catalog.Features;
using Tandem.Catalog.Features.CreateProduct;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Demo;

internal static class CatalogDemo
{
    private static readonly ProductInput[] Products =
    [
        new("BIKE-RD-200", "Road bike 200", ProductKind.Goods, "pc", new Money(1249.00m, CurrencyCode.Eur), "Bikes"),
        new("BIKE-MTB-300", "Mountain bike 300", ProductKind.Goods, "pc", new Money(1590.00m, CurrencyCode.Eur), "Bikes"),
        new("HELMET-AERO", "Aero helmet", ProductKind.Goods, "pc", new Money(89.90m, CurrencyCode.Eur), "Accessories"),
        new("TUBE-700C", "Inner tube 700c", ProductKind.Goods, "pc", new Money(6.50m, CurrencyCode.Eur), "Parts"),
        new("CHAIN-11S", "Chain 11-speed", ProductKind.Goods, "pc", new Money(34.95m, CurrencyCode.Eur), "Parts"),
        new("GREASE-1KG", "Bearing grease", ProductKind.Goods, "kg", new Money(18.40m, CurrencyCode.Eur), "Consumables"),
        new("SVC-TUNEUP", "Annual tune-up", ProductKind.Service, "h", new Money(65.00m, CurrencyCode.Eur), "Services"),
        new("SVC-FIT", "Bike fitting session", ProductKind.Service, "h", new Money(120.00m, CurrencyCode.Eur), "Services"),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var handler = services.GetRequiredService<CreateProductHandler>();
        foreach (var product in Products)
        {
            var result = await handler.HandleAsync(product, ct);
            if (!result.IsSuccess)
                throw new InvalidOperationException($"Demo product {product.Sku} was refused: {result.Error!.Code}");
        }
    }
}
