using Tandem.SharedKernel;

namespace Tandem.Purchasing.Domain;

/// <summary>What a supplier charges for a product from a minimum quantity, in a currency, between two dates (open-ended when null).</summary>
internal sealed class SupplierPrice : Entity
{
    private SupplierPrice()
    {
    }

    public Guid SupplierId { get; private set; }
    public Guid ProductId { get; private set; }
    public decimal MinQuantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public CurrencyCode Currency { get; private set; }
    public DateOnly? ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }

    public static SupplierPrice For(Guid supplierId, Guid productId) => new() { SupplierId = supplierId, ProductId = productId };

    public void Change(decimal minQuantity, decimal unitPrice, CurrencyCode currency, DateOnly? from, DateOnly? to)
    {
        MinQuantity = minQuantity;
        UnitPrice = unitPrice;
        Currency = currency;
        ValidFrom = from;
        ValidTo = to;
    }

    public bool IsValidOn(DateOnly date) => (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);

    public void RepointSupplier(Guid supplierId) => SupplierId = supplierId;
}

/// <summary>A price that could apply: the plain values the choice is made from.</summary>
internal sealed record PriceOffer(Guid SupplierId, decimal MinQuantity, decimal UnitPrice, CurrencyCode Currency, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>Picks the supplier to buy from.</summary>
internal static class SupplierChoice
{
    /// <summary>
    /// The cheapest offer valid on the date for the quantity (its minimum reached). Offers in the company currency come
    /// first, since prices in different currencies are not compared; on equal prices the larger minimum (a volume
    /// price) and then the preferred supplier win. Null when no offer applies.
    /// </summary>
    public static PriceOffer? Best(IEnumerable<PriceOffer> offers, decimal quantity, DateOnly date, CurrencyCode companyCurrency, Guid? preferredSupplier) =>
        offers.Where(o => o.MinQuantity <= quantity && (o.ValidFrom is null || o.ValidFrom <= date) && (o.ValidTo is null || date <= o.ValidTo))
            .OrderBy(o => o.Currency == companyCurrency ? 0 : 1)
            .ThenBy(o => o.UnitPrice)
            .ThenByDescending(o => o.MinQuantity)
            .ThenBy(o => o.SupplierId == preferredSupplier ? 0 : 1)
            .ThenBy(o => o.SupplierId)
            .FirstOrDefault();
}
