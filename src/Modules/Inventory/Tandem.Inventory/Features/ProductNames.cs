using Tandem.Catalog.Contracts;

namespace Tandem.Inventory.Features;

/// <summary>SKU and name of the products a screen shows, asked of the catalog once per product.</summary>
internal sealed class ProductNames(ICatalogModule catalog)
{
    public async Task<IReadOnlyDictionary<Guid, ProductSummary>> ForAsync(IEnumerable<Guid> productIds, CancellationToken ct)
    {
        var found = new Dictionary<Guid, ProductSummary>();
        foreach (var id in productIds.Distinct())
        {
            if (await catalog.FindAsync(id, ct) is { } product)
                found[id] = product;
        }
        return found;
    }

    public Task<ProductSummary?> BySkuAsync(string sku, CancellationToken ct) => catalog.FindBySkuAsync(sku, ct);

    public static string Label(IReadOnlyDictionary<Guid, ProductSummary> names, Guid id) =>
        names.TryGetValue(id, out var p) ? $"{p.Sku} · {p.Name}" : id.ToString()[..8];
}
