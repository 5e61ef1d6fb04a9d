using Tandem.SharedKernel;

namespace Tandem.Inventory.Domain;

/// <summary>
/// The value one done move added to or took from a product's stock. An incoming layer keeps what of it is left
/// (<see cref="RemainingQuantity"/>, <see cref="RemainingValue"/>), which FIFO consumes oldest first.
/// </summary>
internal sealed class ValuationLayer : Entity
{
    private ValuationLayer()
    {
    }

    public Guid ProductId { get; private set; }
    public Guid MoveId { get; private set; }
    public DateOnly Date { get; private set; }
    public long Sequence { get; private set; }
    public decimal Quantity { get; private set; }
    public decimal Value { get; private set; }
    public decimal RemainingQuantity { get; private set; }
    public decimal RemainingValue { get; private set; }

    public static ValuationLayer Incoming(Guid productId, Guid moveId, DateOnly date, long sequence, decimal quantity, decimal value) => new()
    {
        ProductId = productId, MoveId = moveId, Date = date, Sequence = sequence, Quantity = quantity, Value = value,
        RemainingQuantity = quantity, RemainingValue = value,
    };

    public static ValuationLayer Outgoing(Guid productId, Guid moveId, DateOnly date, long sequence, decimal quantity, decimal value) => new()
    {
        ProductId = productId, MoveId = moveId, Date = date, Sequence = sequence, Quantity = -quantity, Value = -value,
    };

    public void Consume(decimal quantity, decimal value)
    {
        RemainingQuantity -= quantity;
        RemainingValue -= value;
    }
}

/// <summary>A product's quantity and value over the company's internal locations; the valuation report sums these.</summary>
internal sealed class ProductValuation : Entity
{
    private ProductValuation()
    {
    }

    public Guid ProductId { get; private set; }
    public decimal Quantity { get; private set; }
    public decimal Value { get; private set; }
}

/// <summary>What an outgoing quantity took from one layer.</summary>
internal sealed record LayerTake(int Index, decimal Quantity, decimal Value);

/// <summary>
/// Costing rules, without a database. Values are in cents: a part of a layer or of the average is rounded, and the
/// last unit of a layer or of the stock takes exactly what is left, so the layers always add up to the stock value.
/// </summary>
internal static class Costing
{
    public static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>The value of an incoming quantity at a unit cost.</summary>
    public static decimal Incoming(decimal quantity, decimal unitCost) => Round(quantity * unitCost);

    /// <summary>FIFO: takes the quantity from the oldest layers first; <c>insufficient_stock</c> beyond them.</summary>
    public static IReadOnlyList<LayerTake> TakeFifo(IReadOnlyList<(decimal Quantity, decimal Value)> layers, decimal quantity)
    {
        var takes = new List<LayerTake>();
        var left = quantity;
        for (var i = 0; i < layers.Count && left > 0; i++)
        {
            var (remaining, value) = layers[i];
            if (remaining <= 0)
                continue;
            var take = Math.Min(left, remaining);
            takes.Add(new LayerTake(i, take, take == remaining ? value : Round(value * take / remaining)));
            left -= take;
        }
        if (left > 0)
            throw new BusinessRuleException(new Error("insufficient_stock", $"The valuation layers hold {quantity - left}, not {quantity}."));
        return takes;
    }

    /// <summary>Moving average: the outgoing share of the stock value; the last unit takes what is left.</summary>
    public static decimal TakeAverage(decimal stockQuantity, decimal stockValue, decimal quantity)
    {
        if (quantity > stockQuantity)
            throw new BusinessRuleException(new Error("insufficient_stock", $"The valuation holds {stockQuantity}, not {quantity}."));
        return quantity == stockQuantity ? stockValue : Round(stockValue * quantity / stockQuantity);
    }

    /// <summary>The unit cost an adjustment gain comes in at: the current average, else the last known cost.</summary>
    public static decimal GainUnitCost(decimal stockQuantity, decimal stockValue, decimal? lastUnitCost) =>
        stockQuantity > 0 ? decimal.Round(stockValue / stockQuantity, 4, MidpointRounding.AwayFromZero) : lastUnitCost ?? 0m;
}
