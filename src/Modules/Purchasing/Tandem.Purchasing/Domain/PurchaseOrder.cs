using Tandem.SharedKernel;

namespace Tandem.Purchasing.Domain;

/// <summary>Where a purchase order is in its life.</summary>
internal enum OrderStatus
{
    /// <summary>A request for quotation: changes freely, has no number yet.</summary>
    Draft,

    /// <summary>Confirmed at or above the company's approval threshold: waits for an approver.</summary>
    ToApprove,

    /// <summary>Approved and sent to the supplier: goods may be received.</summary>
    Approved,
    PartiallyReceived,
    Received,

    /// <summary>Done with: nothing more is received, whatever is still on backorder is given up.</summary>
    Closed,
    Cancelled,
}

/// <summary>
/// An order to a supplier: drafted as a request for quotation, confirmed with a gap-free number, approved (by an
/// approver when its amount reaches the company's threshold), received in parts, closed or cancelled.
/// </summary>
internal sealed class PurchaseOrder : Entity
{
    private readonly List<PurchaseOrderLine> _lines = [];

    private PurchaseOrder()
    {
    }

    public string? Number { get; private set; }
    public Guid SupplierId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public CurrencyCode Currency { get; private set; }
    public DateOnly OrderDate { get; private set; }
    public DateOnly ExpectedDate { get; private set; }
    public string? Reference { get; private set; }
    public OrderStatus Status { get; private set; }
    public decimal Total { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public IReadOnlyList<PurchaseOrderLine> Lines => _lines;

    /// <summary>Goods may be received against it.</summary>
    public bool IsReceivable => Status is OrderStatus.Approved or OrderStatus.PartiallyReceived or OrderStatus.Received;

    public static PurchaseOrder Draft(OrderHeader header, IReadOnlyList<OrderLineDraft> lines, DateTimeOffset now)
    {
        var order = new PurchaseOrder { Status = OrderStatus.Draft, CreatedAt = now };
        order.Apply(header, lines);
        return order;
    }

    public void Change(OrderHeader header, IReadOnlyList<OrderLineDraft> lines)
    {
        if (Status != OrderStatus.Draft)
            throw new BusinessRuleException(Error.Conflict("order_not_draft", $"{Number} is confirmed; only a draft changes."));
        Apply(header, lines);
    }

    /// <summary>Numbers the order and sends it for approval when its total reaches the threshold; otherwise approves it at once.</summary>
    public void Confirm(string number, decimal approvalThreshold, string user, DateTimeOffset now)
    {
        if (Status != OrderStatus.Draft)
            throw new BusinessRuleException(Error.Conflict("order_not_draft", $"{Number} is already confirmed."));
        if (_lines.Count == 0)
            throw new BusinessRuleException(new Error("order_has_no_lines", "An order needs at least one line."));
        Number = number;
        ConfirmedAt = now;
        if (NeedsApproval(Total, approvalThreshold))
        {
            Status = OrderStatus.ToApprove;
            return;
        }
        Approve(user, now);
    }

    /// <summary>An order needs an approver when the threshold is set (above zero) and its total reaches it.</summary>
    public static bool NeedsApproval(decimal total, decimal threshold) => threshold > 0 && total >= threshold;

    public void ApproveAsApprover(string user, DateTimeOffset now)
    {
        if (Status != OrderStatus.ToApprove)
            throw new BusinessRuleException(Error.Conflict("order_not_to_approve", $"{Number ?? "The draft"} is not waiting for approval."));
        Approve(user, now);
    }

    private void Approve(string user, DateTimeOffset now)
    {
        Status = OrderStatus.Approved;
        ApprovedAt = now;
        ApprovedBy = user;
    }

    /// <summary>Cancels an order nothing has been received on.</summary>
    public void Cancel()
    {
        if (Status is OrderStatus.Closed or OrderStatus.Cancelled)
            throw new BusinessRuleException(Error.Conflict("order_closed", $"{Number} is already {Status.ToString().ToLowerInvariant()}."));
        if (_lines.Any(l => l.Received != 0 || l.Billed != 0))
            throw new BusinessRuleException(Error.Conflict("order_has_receipts", $"{Number} has receipts; close it instead of cancelling."));
        Status = OrderStatus.Cancelled;
    }

    /// <summary>Closes an approved order: what is still on backorder will not come.</summary>
    public void Close()
    {
        if (!IsReceivable)
            throw new BusinessRuleException(Error.Conflict(Status is OrderStatus.Closed or OrderStatus.Cancelled ? "order_closed" : "order_not_approved",
                $"{Number ?? "The draft"} is {Describe(Status)} and cannot be closed."));
        Status = OrderStatus.Closed;
    }

    /// <summary>Refused unless goods may be received: a closed or cancelled order answers <c>order_closed</c>.</summary>
    public void EnsureReceivable()
    {
        if (Status is OrderStatus.Closed or OrderStatus.Cancelled)
            throw new BusinessRuleException(Error.Conflict("order_closed", $"{Number} is {Describe(Status)}: nothing more is received against it."));
        if (!IsReceivable)
            throw new BusinessRuleException(Error.Conflict("order_not_approved", $"{Number ?? "The draft"} is not approved yet."));
    }

    /// <summary>Adds received (or, negative, returned) quantity to a line and moves the status along.</summary>
    public void Receive(Guid lineId, decimal quantity, decimal overReceiptTolerancePercent)
    {
        var line = _lines.Single(l => l.Id == lineId);
        if (quantity > 0 && line.Received + quantity > Tolerance.MaxReceivable(line.Quantity, overReceiptTolerancePercent))
        {
            throw new BusinessRuleException(new Error("over_receipt",
                $"Line {line.LineNumber}: receiving {quantity:0.####} would bring {line.Received + quantity:0.####} of {line.Quantity:0.####} ordered, " +
                $"beyond the {overReceiptTolerancePercent:0.##}% over-receipt tolerance (at most {Tolerance.MaxReceivable(line.Quantity, overReceiptTolerancePercent):0.####}).", ErrorKind.Conflict));
        }
        line.AddReceived(quantity);
        // A return after closing lowers what was received but leaves the order closed.
        if (!IsReceivable)
            return;
        Status = _lines.All(l => l.Received >= l.Quantity) ? OrderStatus.Received
            : _lines.Any(l => l.Received > 0) ? OrderStatus.PartiallyReceived
            : OrderStatus.Approved;
    }

    public void Bill(Guid lineId, decimal quantity) => _lines.Single(l => l.Id == lineId).AddBilled(quantity);

    public void RepointSupplier(Guid supplierId) => SupplierId = supplierId;

    public static string Describe(OrderStatus status) => status switch
    {
        OrderStatus.ToApprove => "to_approve",
        OrderStatus.PartiallyReceived => "partially_received",
        _ => status.ToString().ToLowerInvariant(),
    };

    private void Apply(OrderHeader header, IReadOnlyList<OrderLineDraft> lines)
    {
        SupplierId = header.SupplierId;
        WarehouseId = header.WarehouseId;
        Currency = header.Currency;
        OrderDate = header.OrderDate;
        ExpectedDate = header.ExpectedDate;
        Reference = string.IsNullOrWhiteSpace(header.Reference) ? null : header.Reference.Trim();
        _lines.Clear();
        for (var i = 0; i < lines.Count; i++)
            _lines.Add(new PurchaseOrderLine(Id, i + 1, lines[i], header.Currency));
        Total = _lines.Sum(l => l.Amount);
    }
}

internal sealed class PurchaseOrderLine : Entity
{
    private PurchaseOrderLine()
    {
    }

    public PurchaseOrderLine(Guid orderId, int lineNumber, OrderLineDraft draft, CurrencyCode currency)
    {
        OrderId = orderId;
        LineNumber = lineNumber;
        ProductId = draft.ProductId;
        Description = draft.Description;
        Quantity = draft.Quantity;
        UnitPrice = draft.UnitPrice;
        Amount = Math.Round(draft.Quantity * draft.UnitPrice, currency.MinorUnits, MidpointRounding.AwayFromZero);
    }

    public Guid OrderId { get; private set; }
    public int LineNumber { get; private set; }
    public Guid ProductId { get; private set; }
    public string Description { get; private set; } = "";

    /// <summary>Ordered, in the product's unit.</summary>
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal Amount { get; private set; }

    /// <summary>Received less returned.</summary>
    public decimal Received { get; private set; }

    /// <summary>On posted vendor bills.</summary>
    public decimal Billed { get; private set; }

    /// <summary>Still to come while the order is open: ordered − received, never negative.</summary>
    public decimal Backorder => Math.Max(Quantity - Received, 0m);

    public void AddReceived(decimal quantity)
    {
        if (Received + quantity < 0)
            throw new BusinessRuleException(Error.Conflict("return_exceeds_received", $"Line {LineNumber} has only {Received:0.####} received."));
        Received += quantity;
    }

    public void AddBilled(decimal quantity) => Billed += quantity;
}

internal sealed record OrderHeader(Guid SupplierId, Guid WarehouseId, CurrencyCode Currency, DateOnly OrderDate, DateOnly ExpectedDate, string? Reference);

internal sealed record OrderLineDraft(Guid ProductId, string Description, decimal Quantity, decimal UnitPrice);
