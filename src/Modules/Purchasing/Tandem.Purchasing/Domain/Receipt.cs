using Tandem.SharedKernel;

namespace Tandem.Purchasing.Domain;

/// <summary>
/// Goods received against a purchase order (or, <see cref="IsReturn"/>, sent back against an earlier receipt). Each
/// line is one done stock move made through Inventory in the same transaction; a receipt never changes afterwards.
/// </summary>
internal sealed class PurchaseReceipt : Entity
{
    private readonly List<PurchaseReceiptLine> _lines = [];

    private PurchaseReceipt()
    {
    }

    public string Number { get; private set; } = "";
    public Guid OrderId { get; private set; }
    public Guid SupplierId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public DateOnly Date { get; private set; }
    public bool IsReturn { get; private set; }

    /// <summary>For a return: the receipt it sends goods back from.</summary>
    public Guid? ReturnOfId { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<PurchaseReceiptLine> Lines => _lines;

    public static PurchaseReceipt Record(string number, PurchaseOrder order, DateOnly date, string? note, Guid? returnOfId, DateTimeOffset now) => new()
    {
        Number = number, OrderId = order.Id, SupplierId = order.SupplierId, WarehouseId = order.WarehouseId, Date = date,
        IsReturn = returnOfId is not null, ReturnOfId = returnOfId, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), CreatedAt = now,
    };

    public PurchaseReceiptLine Add(PurchaseOrderLine orderLine, decimal quantity, Guid moveId, string moveNumber, string? lots, Guid? returnOfLineId)
    {
        var line = new PurchaseReceiptLine(Id, orderLine.Id, orderLine.ProductId, quantity, moveId, moveNumber, lots, returnOfLineId);
        _lines.Add(line);
        return line;
    }

    public void RepointSupplier(Guid supplierId) => SupplierId = supplierId;
}

internal sealed class PurchaseReceiptLine : Entity
{
    private PurchaseReceiptLine()
    {
    }

    public PurchaseReceiptLine(Guid receiptId, Guid orderLineId, Guid productId, decimal quantity, Guid moveId, string moveNumber, string? lots, Guid? returnOfLineId)
    {
        ReceiptId = receiptId;
        OrderLineId = orderLineId;
        ProductId = productId;
        Quantity = quantity;
        MoveId = moveId;
        MoveNumber = moveNumber;
        Lots = lots;
        ReturnOfLineId = returnOfLineId;
    }

    public Guid ReceiptId { get; private set; }
    public Guid OrderLineId { get; private set; }
    public Guid ProductId { get; private set; }
    public decimal Quantity { get; private set; }
    public Guid MoveId { get; private set; }
    public string MoveNumber { get; private set; } = "";

    /// <summary>The lots or serials, as "L-1 × 20, L-2 × 10", for reading; the stock ledger holds them for tracing.</summary>
    public string? Lots { get; private set; }
    public Guid? ReturnOfLineId { get; private set; }

    /// <summary>Of a receipt line: how much has been sent back since.</summary>
    public decimal Returned { get; private set; }

    public void Return(decimal quantity)
    {
        if (quantity > Quantity - Returned)
        {
            throw new BusinessRuleException(Error.Conflict("return_exceeds_received",
                $"{MoveNumber} received {Quantity:0.####}, {Returned:0.####} of it already returned: at most {Quantity - Returned:0.####} can go back."));
        }
        Returned += quantity;
    }
}
