using Tandem.SharedKernel;

namespace Tandem.Sales.Domain;

internal enum ReturnStatus
{
    /// <summary>The customer may send the goods back.</summary>
    Authorised,

    /// <summary>The goods are back in stock.</summary>
    Received,

    /// <summary>A credit note was issued for them.</summary>
    Credited,
}

/// <summary>A return authorisation: what a customer may send back from an order, then received into stock, then credited.</summary>
internal sealed class ReturnAuthorisation : Entity
{
    private readonly List<ReturnLine> _lines = [];

    private ReturnAuthorisation()
    {
    }

    public string Number { get; private set; } = "";
    public Guid OrderId { get; private set; }
    public Guid PartyId { get; private set; }
    public string Reason { get; private set; } = "";
    public ReturnStatus Status { get; private set; }
    public DateOnly Date { get; private set; }
    public DateOnly? ReceivedDate { get; private set; }
    public Guid? CreditNoteId { get; private set; }
    public string? CreditNoteNumber { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<ReturnLine> Lines => _lines;

    public static ReturnAuthorisation Authorise(string number, SalesOrder order, string reason, DateOnly date, IReadOnlyList<(Guid LineId, decimal Quantity)> lines, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new BusinessRuleException(Error.Validation("reason", "Say why the goods come back."));
        var authorisation = new ReturnAuthorisation
        {
            Number = number, OrderId = order.Id, PartyId = order.PartyId, Reason = reason.Trim(), Status = ReturnStatus.Authorised, Date = date, CreatedAt = now,
        };
        foreach (var (lineId, quantity) in lines)
        {
            var line = order.Line(lineId);
            if (line.IsService)
                throw new BusinessRuleException(Error.Validation("lines", $"Line {line.LineNumber} is a service; nothing comes back."));
            order.Return(lineId, quantity);
            authorisation._lines.Add(new ReturnLine(authorisation.Id, line, quantity));
        }
        return authorisation;
    }

    public void MarkReceived(DateOnly date)
    {
        if (Status != ReturnStatus.Authorised)
            throw new BusinessRuleException(Error.Conflict("return_already_received", $"{Number} is already {Describe(Status)}."));
        Status = ReturnStatus.Received;
        ReceivedDate = date;
    }

    public void MarkCredited(Guid creditNoteId, string number)
    {
        if (Status != ReturnStatus.Received)
            throw new BusinessRuleException(Error.Conflict(Status == ReturnStatus.Credited ? "return_already_credited" : "return_not_received",
                $"{Number} is {Describe(Status)}; a credit note follows the receipt."));
        Status = ReturnStatus.Credited;
        CreditNoteId = creditNoteId;
        CreditNoteNumber = number;
    }

    public void RepointCustomer(Guid partyId) => PartyId = partyId;

    public static string Describe(ReturnStatus status) => status.ToString().ToLowerInvariant();
}

internal sealed class ReturnLine : Entity
{
    private ReturnLine()
    {
    }

    public ReturnLine(Guid returnId, SalesOrderLine line, decimal quantity)
    {
        ReturnId = returnId;
        OrderLineId = line.Id;
        ProductId = line.ProductId;
        Description = line.Description;
        Quantity = quantity;
        UnitCost = line.UnitCost;
        NetUnitPrice = line.NetUnitPrice;
        TaxId = line.TaxId;
    }

    public Guid ReturnId { get; private set; }
    public Guid OrderLineId { get; private set; }
    public Guid ProductId { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }

    /// <summary>What the goods left stock at: they come back at the same cost.</summary>
    public decimal UnitCost { get; private set; }
    public decimal NetUnitPrice { get; private set; }
    public Guid? TaxId { get; private set; }
    public Guid? MoveId { get; private set; }

    public void Received(Guid moveId) => MoveId = moveId;
}
