using Tandem.Catalog.Contracts;

namespace Tandem.Purchasing.Features;

/// <summary>SKU and name of the products a screen shows, asked of the catalog once per product.</summary>
internal sealed class ProductLabels(ICatalogModule catalog)
{
    public async Task<IReadOnlyDictionary<Guid, string>> ForAsync(IEnumerable<Guid> productIds, CancellationToken ct)
    {
        var found = new Dictionary<Guid, string>();
        foreach (var id in productIds.Distinct())
        {
            if (await catalog.FindAsync(id, ct) is { } product)
                found[id] = $"{product.Sku} · {product.Name}";
        }
        return found;
    }

    public static string Label(IReadOnlyDictionary<Guid, string> labels, Guid id) => labels.GetValueOrDefault(id) ?? id.ToString()[..8];
}
