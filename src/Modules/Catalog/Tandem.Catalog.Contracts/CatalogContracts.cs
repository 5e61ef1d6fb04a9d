using Tandem.SharedKernel;

namespace Tandem.Catalog.Contracts;

/// <summary>What other modules may ask of the product catalog.</summary>
public interface ICatalogModule
{
    Task<ProductSummary?> FindAsync(Guid productId, CancellationToken ct);
}

public enum ProductKind
{
    /// <summary>Physical goods: stocked, delivered, valued.</summary>
    Goods,

    /// <summary>Work or subscriptions: invoiced on ordered quantities, never stocked.</summary>
    Service,
}

public sealed record ProductSummary(Guid Id, string Sku, string Name, ProductKind Kind, string Unit, Money ListPrice);

public static class CatalogPermissions
{
    public const string Read = "catalog.read";
    public const string Write = "catalog.write";
}
