using Tandem.SharedKernel;

namespace Tandem.Catalog.Contracts;

/// <summary>What other modules may ask of the product catalog.</summary>
public interface ICatalogModule
{
    Task<ProductSummary?> FindAsync(Guid productId, CancellationToken ct);

    /// <summary>The products among <paramref name="productIds"/> that exist, by id, in one read: for lists of lines.</summary>
    Task<IReadOnlyDictionary<Guid, ProductSummary>> FindManyAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct);

    /// <summary>The product with the SKU (case-insensitive, as SKUs are stored upper-case), or null; what a scanner reads.</summary>
    Task<ProductSummary?> FindBySkuAsync(string sku, CancellationToken ct);

    /// <summary>
    /// The price of a quantity of a product on a date: the break of the named price list's version valid that
    /// day with the largest minimum quantity reached, else the product's list price.
    /// </summary>
    Task<Result<PriceQuote>> QuotePriceAsync(PriceQuery query, CancellationToken ct);

    /// <summary>
    /// A quantity in <paramref name="unit"/> expressed in the product's own unit; <c>unit_not_convertible</c> when the
    /// unit is unknown or measures something else.
    /// </summary>
    Task<Result<decimal>> ToProductUnitAsync(Guid productId, decimal quantity, string unit, CancellationToken ct);
}

/// <summary>What a quote line asks the catalog: <see cref="Unit"/> defaults to the product's unit.</summary>
public sealed record PriceQuery(Guid ProductId, decimal Quantity, DateOnly Date, string? PriceList = null, string? Unit = null);

/// <summary>
/// The answer: the unit price per product unit, the total for the quantity (rounded to the currency), the quantity
/// in the product's unit, and where the price came from: <c>price_list</c> or <c>list_price</c>.
/// </summary>
public sealed record PriceQuote(
    Guid ProductId, decimal Quantity, string Unit, DateOnly Date, Money UnitPrice, Money Total, string Source,
    Guid? PriceListId = null, decimal? MinQuantity = null);

public enum ProductKind
{
    /// <summary>Physical goods: stocked, delivered, valued.</summary>
    Goods,

    /// <summary>Work or subscriptions: invoiced on ordered quantities, never stocked.</summary>
    Service,
}

public sealed record ProductSummary(Guid Id, string Sku, string Name, ProductKind Kind, string Unit, Money ListPrice)
{
    /// <summary>The category's path, or null.</summary>
    public string? Category { get; init; }
}

public static class CatalogPermissions
{
    public const string Read = "catalog.read";
    public const string Write = "catalog.write";
}
