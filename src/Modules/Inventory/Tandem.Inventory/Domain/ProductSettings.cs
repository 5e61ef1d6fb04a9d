using Tandem.SharedKernel;

namespace Tandem.Inventory.Domain;

/// <summary>How units of a product are told apart.</summary>
internal enum Tracking
{
    None,
    Lot,
    Serial,
}

/// <summary>How stock leaving is costed.</summary>
internal enum ValuationMethod
{
    Fifo,
    Average,
}

/// <summary>A product's inventory settings: tracking, an optional valuation override, its supplier and lead time.</summary>
internal sealed class ProductSettings : Entity
{
    private ProductSettings()
    {
    }

    public Guid ProductId { get; private set; }
    public Tracking Tracking { get; private set; }

    /// <summary>Null: the category's method (FIFO when the category has none).</summary>
    public ValuationMethod? Valuation { get; private set; }
    public Guid? SupplierId { get; private set; }
    public int LeadTimeDays { get; private set; }

    public static ProductSettings For(Guid productId) => new() { ProductId = productId };

    /// <summary>Changes the settings; tracking cannot change once the product has moved, or lots would lose their meaning.</summary>
    public void Change(Tracking tracking, ValuationMethod? valuation, Guid? supplierId, int leadTimeDays, bool hasMoved)
    {
        if (tracking != Tracking && hasMoved)
            throw new BusinessRuleException(Error.Conflict("tracking_fixed", "Tracking cannot change once the product has stock moves."));
        Tracking = tracking;
        Valuation = valuation;
        SupplierId = supplierId;
        LeadTimeDays = leadTimeDays;
    }

    public void RepointSupplier(Guid supplierId) => SupplierId = supplierId;
}

/// <summary>The valuation method of a catalog category (by its path), which its products follow unless overridden.</summary>
internal sealed class CategoryValuation : Entity
{
    private CategoryValuation()
    {
    }

    public string Category { get; private set; } = "";
    public ValuationMethod Method { get; private set; }

    public static CategoryValuation For(string category, ValuationMethod method) => new() { Category = category.Trim(), Method = method };

    public void Change(ValuationMethod method) => Method = method;
}

/// <summary>Keep between <see cref="Min"/> and <see cref="Max"/> of a product in a warehouse.</summary>
internal sealed class ReorderRule : Entity
{
    private ReorderRule()
    {
    }

    public Guid ProductId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public decimal Min { get; private set; }
    public decimal Max { get; private set; }

    public static ReorderRule For(Guid productId, Guid warehouseId) => new() { ProductId = productId, WarehouseId = warehouseId };

    public void Change(decimal min, decimal max)
    {
        Min = min;
        Max = max;
    }

    public static Error? Validate(decimal min, decimal max) =>
        new FieldErrors()
            .When(min < 0, "min", "Cannot be negative.")
            .When(max < min, "max", "At least the minimum.")
            .When(max > 1_000_000_000m, "max", "Too large.") is { Any: true } errors ? errors.ToError() : null;

    /// <summary>What to order so the forecast reaches the maximum, or zero when the forecast is at or above the minimum.</summary>
    public decimal Proposal(decimal forecast) => forecast < Min ? Max - forecast : 0m;
}
