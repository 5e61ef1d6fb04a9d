using Tandem.SharedKernel;

namespace Tandem.Catalog.Domain;

/// <summary>
/// Prices in one currency valid over a period, with quantity breaks per product. Lists of the same code
/// are versions of one list and must not overlap in time, so a date picks exactly one version.
/// </summary>
internal sealed class PriceList : Entity
{
    private readonly List<PriceListItem> _items = [];

    private PriceList()
    {
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public CurrencyCode Currency { get; private set; }
    public DateOnly ValidFrom { get; private set; }

    /// <summary>The last day the list applies; null for open-ended.</summary>
    public DateOnly? ValidTo { get; private set; }
    public IReadOnlyList<PriceListItem> Items => _items;

    public static PriceList Create(string code, string name, CurrencyCode currency, DateOnly validFrom, DateOnly? validTo, IEnumerable<PriceBreak> items)
    {
        if (validTo < validFrom)
            throw new BusinessRuleException(InvalidValidity);
        var list = new PriceList { Code = code.Trim().ToUpperInvariant(), Name = name.Trim(), Currency = currency, ValidFrom = validFrom, ValidTo = validTo };
        list._items.AddRange(items.Select(i => new PriceListItem(i.ProductId, i.MinQuantity, i.Price)));
        return list;
    }

    /// <summary>Replaces the name, the validity and every price; the code and currency stay.</summary>
    public void Revise(string name, DateOnly validFrom, DateOnly? validTo, IEnumerable<PriceBreak> items)
    {
        if (validTo < validFrom)
            throw new BusinessRuleException(InvalidValidity);
        Name = name.Trim();
        ValidFrom = validFrom;
        ValidTo = validTo;
        _items.Clear();
        _items.AddRange(items.Select(i => new PriceListItem(i.ProductId, i.MinQuantity, i.Price)));
    }

    public static Error InvalidValidity => new("invalid_validity", "A price list cannot end before it starts.");

    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    /// <summary>Whether two periods share at least one day.</summary>
    public static bool Overlap(DateOnly fromA, DateOnly? toA, DateOnly fromB, DateOnly? toB) =>
        (toB is null || fromA <= toB) && (toA is null || fromB <= toA);
}

/// <summary>A product's price from a minimum quantity on.</summary>
internal sealed class PriceListItem : Entity
{
    private PriceListItem()
    {
    }

    public PriceListItem(Guid productId, decimal minQuantity, decimal price)
    {
        ProductId = productId;
        MinQuantity = minQuantity;
        Price = price;
    }

    public Guid PriceListId { get; private set; }
    public Guid ProductId { get; private set; }
    public decimal MinQuantity { get; private set; }
    public decimal Price { get; private set; }
}

internal sealed record PriceBreak(Guid ProductId, decimal MinQuantity, decimal Price);

/// <summary>Which price applies to a quantity.</summary>
internal static class PriceBreaks
{
    /// <summary>The break with the largest minimum the quantity reaches, or null when it reaches none.</summary>
    public static PriceBreak? For(IEnumerable<PriceBreak> breaks, decimal quantity) =>
        breaks.Where(b => b.MinQuantity <= quantity).OrderByDescending(b => b.MinQuantity).FirstOrDefault();
}
