using Tandem.Catalog.Contracts;

namespace Tandem.Purchasing.Features;

/// <summary>SKU and name of the products a screen shows, asked of the catalog in one read.</summary>
internal sealed class ProductLabels(ICatalogModule catalog)
{
    public async Task<IReadOnlyDictionary<Guid, string>> ForAsync(IEnumerable<Guid> productIds, CancellationToken ct)
    {
        var products = await catalog.FindManyAsync(productIds.ToList(), ct);
        return products.ToDictionary(p => p.Key, p => $"{p.Value.Sku} · {p.Value.Name}");
    }

    public static string Label(IReadOnlyDictionary<Guid, string> labels, Guid id) => labels.GetValueOrDefault(id) ?? id.ToString()[..8];
}
