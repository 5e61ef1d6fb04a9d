using System.Linq.Expressions;
using Tandem.SharedKernel;

namespace Tandem.Sales.Domain;

internal enum SalesOrderStatus
{
    /// <summary>Made from an accepted quote; nothing reserved yet.</summary>
    Draft,
    Confirmed,
    PartiallyDelivered,
    Delivered,
    Invoiced,
    Paid,
    Closed,
    Cancelled,
}

/// <summary>
/// What a customer ordered, made from an accepted quote without re-keying: confirmed (stock reserved, credit checked),
/// delivered in parts with backorders, invoiced from delivered quantities (ordered ones for services), paid, closed.
/// </summary>
internal sealed class SalesOrder : Entity
{
    private readonly List<SalesOrderLine> _lines = [];

    private SalesOrder()
    {
    }

    public string Number { get; private set; } = "";
    public Guid PartyId { get; private set; }
    public Guid? AccountId { get; private set; }
    public Guid? OpportunityId { get; private set; }
    public Guid? QuoteId { get; private set; }
    public string? QuoteNumber { get; private set; }
    public Guid WarehouseId { get; private set; }
    public CurrencyCode Currency { get; private set; }
    public DateOnly OrderDate { get; private set; }
    public DateOnly? PromiseDate { get; private set; }
    public string? Notes { get; private set; }
    public SalesOrderStatus Status { get; private set; }
    public decimal Untaxed { get; private set; }
    public decimal Tax { get; private set; }
    public decimal Total { get; private set; }

    /// <summary>The gross amount invoiced so far (less credited); what is left counts towards the customer's credit exposure.</summary>
    public decimal InvoicedAmount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public IReadOnlyList<SalesOrderLine> Lines => _lines;

    /// <summary>Confirmed and not yet fully invoiced, closed or cancelled: it counts as uninvoiced in the credit exposure.</summary>
    public static readonly SalesOrderStatus[] Committed = [SalesOrderStatus.Confirmed, SalesOrderStatus.PartiallyDelivered, SalesOrderStatus.Delivered];

    /// <summary>
    /// <see cref="Committed"/> as a query predicate whose statuses reach the SQL as constants (<c>status IN ('Confirmed', ...)</c>),
    /// which the planner can match to an index filtered on them; a parameterised list could not be matched.
    /// </summary>
    public static readonly Expression<Func<SalesOrder, bool>> IsCommitted =
        o => o.Status == SalesOrderStatus.Confirmed || o.Status == SalesOrderStatus.PartiallyDelivered || o.Status == SalesOrderStatus.Delivered;

    /// <summary>The SQL filter of the committed-orders index, the same statuses as <see cref="Committed"/> as stored.</summary>
    public const string CommittedFilter = "status IN ('Confirmed', 'PartiallyDelivered', 'Delivered')";

    public static SalesOrder FromQuote(Quote quote, string number, DateOnly today, DateTimeOffset now)
    {
        var order = new SalesOrder
        {
            Number = number, PartyId = quote.PartyId, AccountId = quote.AccountId, OpportunityId = quote.OpportunityId, QuoteId = quote.Id,
            QuoteNumber = quote.Label, WarehouseId = quote.WarehouseId, Currency = quote.Currency, OrderDate = today, PromiseDate = quote.ShipCompleteDate,
            Notes = quote.Notes, Status = SalesOrderStatus.Draft, Untaxed = quote.Untaxed, Tax = quote.Tax, Total = quote.Total, CreatedAt = now,
        };
        foreach (var line in quote.Lines.OrderBy(l => l.LineNumber))
            order._lines.Add(new SalesOrderLine(order.Id, line));
        return order;
    }

    public void Confirm(DateTimeOffset now)
    {
        EnsureConfirmable();
        Status = SalesOrderStatus.Confirmed;
        ConfirmedAt = now;
    }

    /// <summary>Only a draft with lines is confirmed; twice is <c>order_already_confirmed</c>.</summary>
    public void EnsureConfirmable()
    {
        if (Status != SalesOrderStatus.Draft)
            throw new BusinessRuleException(Error.Conflict(Status == SalesOrderStatus.Cancelled ? "order_cancelled" : "order_already_confirmed",
                $"{Number} is already {Describe(Status)}."));
        if (_lines.Count == 0)
            throw new BusinessRuleException(new Error("order_has_no_lines", "An order needs at least one line."));
    }

    /// <summary>Refused unless confirmed and not yet fully delivered.</summary>
    public void EnsureDeliverable()
    {
        if (Status is SalesOrderStatus.Draft)
            throw new BusinessRuleException(Error.Conflict("order_not_confirmed", $"{Number} is not confirmed yet."));
        if (Status is SalesOrderStatus.Cancelled or SalesOrderStatus.Closed)
            throw new BusinessRuleException(Error.Conflict("order_closed", $"{Number} is {Describe(Status)}."));
    }

    public void Deliver(Guid lineId, decimal quantity)
    {
        EnsureDeliverable();
        var line = Line(lineId);
        if (line.IsService)
            throw new BusinessRuleException(Error.Validation("lines", $"Line {line.LineNumber} is a service; services are not delivered."));
        EnsureWithin(quantity, line.Quantity - line.Delivered,
            () => Error.Conflict("quantity_exceeds_order", $"Line {line.LineNumber}: {line.Quantity - line.Delivered:0.####} left to deliver."));
        line.AddDelivered(quantity);
        Advance();
    }

    /// <summary>Records an invoiced quantity; more than delivered (ordered for a service) is <c>invoice_exceeds_delivered</c>.</summary>
    public void Invoice(Guid lineId, decimal quantity)
    {
        if (Status is SalesOrderStatus.Draft)
            throw new BusinessRuleException(Error.Conflict("order_not_confirmed", $"{Number} is not confirmed yet."));
        if (Status is SalesOrderStatus.Cancelled)
            throw new BusinessRuleException(Error.Conflict("order_closed", $"{Number} is cancelled."));
        var line = Line(lineId);
        EnsureWithin(quantity, line.Invoiceable - line.Invoiced, () => new Error("invoice_exceeds_delivered",
            $"Line {line.LineNumber}: {line.Invoiceable - line.Invoiced:0.####} may be invoiced ({(line.IsService ? "ordered" : "delivered")} {line.Invoiceable:0.####}, invoiced {line.Invoiced:0.####}).",
            ErrorKind.Conflict));
        line.AddInvoiced(quantity);
    }

    public void AddInvoicedAmount(decimal gross)
    {
        InvoicedAmount += gross;
        Advance();
    }

    public void MarkPaid()
    {
        if (Status == SalesOrderStatus.Invoiced)
            Status = SalesOrderStatus.Paid;
    }

    public void Close()
    {
        if (Status is not (SalesOrderStatus.Paid or SalesOrderStatus.Invoiced))
            throw new BusinessRuleException(Error.Conflict("order_not_invoiced", $"{Number} is {Describe(Status)}; only an invoiced order is closed."));
        Status = SalesOrderStatus.Closed;
    }

    /// <summary>Cancels an order nothing was delivered or invoiced on; its reservations are released by the caller.</summary>
    public void Cancel()
    {
        if (Status is SalesOrderStatus.Cancelled or SalesOrderStatus.Closed)
            throw new BusinessRuleException(Error.Conflict("order_closed", $"{Number} is already {Describe(Status)}."));
        if (_lines.Any(l => l.Delivered > 0 || l.Invoiced > 0))
            throw new BusinessRuleException(Error.Conflict("order_has_deliveries", $"{Number} has deliveries or invoices; it cannot be cancelled."));
        Status = SalesOrderStatus.Cancelled;
    }

    public void Return(Guid lineId, decimal quantity)
    {
        var line = Line(lineId);
        EnsureWithin(quantity, line.Delivered - line.Returned,
            () => Error.Conflict("return_exceeds_delivered", $"Line {line.LineNumber}: {line.Delivered - line.Returned:0.####} delivered and not returned."));
        line.AddReturned(quantity);
    }

    /// <summary>
    /// The quantity rule of delivering, invoicing and returning a line: positive and no more than what <paramref name="remaining"/>
    /// of it, the refusal being the action's own (<c>quantity_exceeds_order</c>, <c>invoice_exceeds_delivered</c>,
    /// <c>return_exceeds_delivered</c>). Each applied quantity moves the line, so a line named twice in one request is
    /// weighed with both quantities.
    /// </summary>
    public static void EnsureWithin(decimal quantity, decimal remaining, Func<Error> exceeded)
    {
        if (quantity <= 0 || quantity > remaining)
            throw new BusinessRuleException(exceeded());
    }

    public SalesOrderLine Line(Guid lineId) =>
        _lines.SingleOrDefault(l => l.Id == lineId)
        ?? throw new BusinessRuleException(new Error("order_line_unknown", $"{Number} has no line {lineId}.", ErrorKind.NotFound));

    public void RepointCustomer(Guid partyId) => PartyId = partyId;

    public static string Describe(SalesOrderStatus status) => status switch
    {
        SalesOrderStatus.PartiallyDelivered => "partially_delivered",
        _ => status.ToString().ToLowerInvariant(),
    };

    private void Advance()
    {
        if (Status is SalesOrderStatus.Draft or SalesOrderStatus.Cancelled or SalesOrderStatus.Closed or SalesOrderStatus.Paid)
            return;
        var goods = _lines.Where(l => !l.IsService).ToList();
        var allInvoiced = _lines.All(l => l.Invoiced >= l.Quantity);
        if (allInvoiced && goods.All(l => l.Delivered >= l.Quantity))
            Status = SalesOrderStatus.Invoiced;
        else if (goods.Count > 0 && goods.All(l => l.Delivered >= l.Quantity))
            Status = SalesOrderStatus.Delivered;
        else if (goods.Any(l => l.Delivered > 0))
            Status = SalesOrderStatus.PartiallyDelivered;
        else
            Status = SalesOrderStatus.Confirmed;
    }
}

internal sealed class SalesOrderLine : Entity
{
    private SalesOrderLine()
    {
    }

    public SalesOrderLine(Guid orderId, QuoteLine line)
    {
        OrderId = orderId;
        LineNumber = line.LineNumber;
        ProductId = line.ProductId;
        IsService = line.IsService;
        Description = line.Description;
        Quantity = line.Quantity;
        Unit = line.Unit;
        UnitPrice = line.UnitPrice;
        DiscountPercent = line.DiscountPercent;
        NetUnitPrice = line.NetUnitPrice;
        TaxId = line.TaxId;
        TaxRate = line.TaxRate;
        Net = line.Net;
        TaxAmount = line.TaxAmount;
        Gross = line.Gross;
        PromiseDate = line.PromiseDate;
    }

    public Guid OrderId { get; private set; }
    public int LineNumber { get; private set; }
    public Guid ProductId { get; private set; }
    public bool IsService { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public string Unit { get; private set; } = "";
    public decimal UnitPrice { get; private set; }
    public decimal DiscountPercent { get; private set; }

    /// <summary>The unit price after discount: what an invoice line carries.</summary>
    public decimal NetUnitPrice { get; private set; }
    public Guid? TaxId { get; private set; }
    public decimal TaxRate { get; private set; }
    public decimal Net { get; private set; }
    public decimal TaxAmount { get; private set; }
    public decimal Gross { get; private set; }
    public DateOnly PromiseDate { get; private set; }
    public decimal Delivered { get; private set; }
    public decimal Invoiced { get; private set; }
    public decimal Returned { get; private set; }

    /// <summary>What left stock for this line, at cost (from the deliveries), so a return goes back at the same cost.</summary>
    public decimal DeliveredCost { get; private set; }

    /// <summary>Services are invoiced on the ordered quantity, goods on the delivered one.</summary>
    public decimal Invoiceable => IsService ? Quantity : Delivered;

    public decimal Backorder => IsService ? 0m : Math.Max(Quantity - Delivered, 0m);

    public decimal UnitCost => Delivered == 0 ? 0m : decimal.Round(DeliveredCost / Delivered, 4, MidpointRounding.AwayFromZero);

    public void AddDelivered(decimal quantity) => Delivered += quantity;

    public void AddCost(decimal cost) => DeliveredCost += cost;

    public void AddInvoiced(decimal quantity) => Invoiced += quantity;

    public void AddReturned(decimal quantity) => Returned += quantity;
}

/// <summary>A stock move made for an order line: the reserved delivery, what was shipped, a backorder, or a customer return.</summary>
internal sealed class OrderMove : Entity
{
    private OrderMove()
    {
    }

    public OrderMove(Guid orderId, Guid lineId, Guid moveId, string moveNumber, string kind, decimal quantity, decimal reserved)
    {
        OrderId = orderId;
        LineId = lineId;
        MoveId = moveId;
        MoveNumber = moveNumber;
        Kind = kind;
        Quantity = quantity;
        Reserved = reserved;
        Status = "reserved";
    }

    public Guid OrderId { get; private set; }
    public Guid LineId { get; private set; }
    public Guid MoveId { get; private set; }
    public string MoveNumber { get; private set; } = "";

    /// <summary><c>delivery</c> or <c>return</c>.</summary>
    public string Kind { get; private set; } = "";

    /// <summary><c>reserved</c> (open), <c>done</c> or <c>cancelled</c>.</summary>
    public string Status { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public decimal Reserved { get; private set; }
    public decimal Cost { get; private set; }
    public DateOnly? DoneDate { get; private set; }
    public string? Lots { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }

    public bool IsOpen => Status == "reserved";

    public void MarkDone(decimal quantity, decimal cost, DateOnly date, string? lots, DateTimeOffset now)
    {
        Status = "done";
        Quantity = quantity;
        Cost = cost;
        DoneDate = date;
        Lots = lots;
        DoneAt = now;
    }

    public void MarkCancelled() => Status = "cancelled";

    /// <summary>The move stays open for what is left (the ledger kept the same move as the backorder).</summary>
    public void Reopen(decimal quantity, decimal reserved)
    {
        Status = "reserved";
        Quantity = quantity;
        Reserved = reserved;
    }
}

/// <summary>An invoice or credit note the ledger posted for an order: kept so the order knows its chain and its payments.</summary>
internal sealed class OrderInvoice : Entity
{
    private OrderInvoice()
    {
    }

    public OrderInvoice(Guid orderId, Guid invoiceId, string number, string kind, DateOnly date, decimal total, Guid? returnId, DateTimeOffset now)
    {
        OrderId = orderId;
        InvoiceId = invoiceId;
        Number = number;
        Kind = kind;
        Date = date;
        Total = total;
        ReturnId = returnId;
        CreatedAt = now;
    }

    public Guid OrderId { get; private set; }
    public Guid InvoiceId { get; private set; }
    public string Number { get; private set; } = "";

    /// <summary><c>invoice</c> or <c>credit_note</c>.</summary>
    public string Kind { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public decimal Total { get; private set; }
    public Guid? ReturnId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
