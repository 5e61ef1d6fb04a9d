using Tandem.SharedKernel;

namespace Tandem.Sales.Features.Orders;

/// <summary>One line of a request that moves a quantity of a sales order line: delivered, invoiced or returned.</summary>
internal interface IOrderLineQuantity
{
    Guid OrderLineId { get; }
    decimal Quantity { get; }
}

/// <summary>
/// The request-side rule every action on an order's lines shares. Here: each line present, naming its order line, with a
/// positive quantity of at most 4 decimals, reported per field under <c>lines[i]</c> before anything is read. The order
/// then checks the rest as it applies each line (<see cref="Domain.SalesOrder.EnsureWithin"/>): the line exists on the
/// order (<c>order_line_unknown</c>) and the quantity is no more than what remains of it, so a line named twice counts
/// both quantities against what remains.
/// </summary>
internal static class OrderLineQuantities
{
    public const decimal Max = 1_000_000_000m;

    /// <param name="more">Checks of the action's own fields on a line, given the line and its field prefix (<c>lines[i]</c>).</param>
    public static FieldErrors OrderLines<T>(this FieldErrors errors, IReadOnlyList<T?> lines, Action<FieldErrors, T, string>? more = null)
        where T : class, IOrderLineQuantity
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var field = $"lines[{i}]";
            if (lines[i] is not { } line)
            {
                errors.Add(field, "Required.");
                continue;
            }
            errors.When(line.OrderLineId == Guid.Empty, $"{field}.orderLineId", "Required.")
                .When(line.Quantity <= 0 || line.Quantity > Max || decimal.Round(line.Quantity, 4) != line.Quantity, $"{field}.quantity",
                    "A positive quantity with at most 4 decimals.");
            more?.Invoke(errors, line, field);
        }
        return errors;
    }
}
