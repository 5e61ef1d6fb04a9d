using Tandem.Platform.Search;
using Tandem.Platform.Seeding;

namespace Tandem.Catalog.Bench;

/// <summary>
/// Stocked goods for the inventory benchmarks: SKUs <c>BENCH-000001</c>…, names from the faker, a unit of pieces and
/// a list price; each with its search document, as the live path writes it.
/// </summary>
internal sealed class CatalogBenchDataset : IBenchDataset
{
    public string Name => "catalog";
    public int Order => 20;

    public async Task LoadAsync(BenchDataContext context, CancellationToken ct)
    {
        var count = context.Size.Products;
        if (count == 0)
            return;
        var names = context.Pool(Math.Min(count, 5000), f => f.Commerce.ProductName());
        var now = context.Clock.GetUtcNow();
        var currency = await context.ScalarAsync<string>("SELECT currency FROM platform.companies WHERE id = @c", ct, ("c", context.CompanyId));
        var products = Enumerable.Range(1, count).Select(i => new
        {
            Id = Guid.CreateVersion7(now),
            Sku = $"BENCH-{i:D6}",
            Name = $"{names[(i - 1) % names.Length]} {i:D6}",
            Price = 10m + (i % 500) + 0.99m,
        }).ToList();
        await context.CopyAsync("catalog.product",
            ["id", "sku", "name", "kind", "unit", "is_active", "created_at", "list_price_amount", "list_price_currency", "company_id", "version"],
            products.Select(p => new object?[] { p.Id, p.Sku, p.Name, "Goods", "pc", true, now, p.Price, currency, context.CompanyId, 0L }), ct);
        await context.IndexAsync(products.Select(p => new SearchDocument(CatalogModule.SearchType, p.Id, p.Name, $"{p.Sku} · Goods", null, $"/catalog/products/{p.Id}")), ct);
        await context.ExecuteAsync("ANALYZE catalog.product", ct);
        context.Products.AddRange(products.Select(p => p.Id));
        context.Log($"{count:N0} products");
    }
}
