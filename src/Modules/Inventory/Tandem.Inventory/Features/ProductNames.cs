using Tandem.Catalog.Contracts;

namespace Tandem.Inventory.Features;

/// <summary>SKU and name of the products a screen shows, asked of the catalog in one read.</summary>
internal sealed class ProductNames(ICatalogModule catalog)
{
    public Task<IReadOnlyDictionary<Guid, ProductSummary>> ForAsync(IEnumerable<Guid> productIds, CancellationToken ct) =>
        catalog.FindManyAsync(productIds.ToList(), ct);

    public Task<ProductSummary?> BySkuAsync(string sku, CancellationToken ct) => catalog.FindBySkuAsync(sku, ct);

    public static string Label(IReadOnlyDictionary<Guid, ProductSummary> names, Guid id) =>
        names.TryGetValue(id, out var p) ? $"{p.Sku} · {p.Name}" : id.ToString()[..8];
}
