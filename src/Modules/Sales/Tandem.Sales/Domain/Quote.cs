using Tandem.SharedKernel;

namespace Tandem.Sales.Domain;

internal enum QuoteStatus
{
    /// <summary>Being worked on or sent to the customer: may be revised, accepted or rejected.</summary>
    Open,

    /// <summary>The customer accepted it; it became a sales order.</summary>
    Accepted,
    Rejected,

    /// <summary>A later revision replaced it; kept, read-only.</summary>
    Revised,
}

/// <summary>
/// An offer to a customer: priced lines with promise dates, valid until a date. A revision is a new quote with the
/// same number and the next revision number; the one it replaces is kept read-only.
/// </summary>
internal sealed class Quote : Entity
{
    private readonly List<QuoteLine> _lines = [];

    private Quote()
    {
    }

    public string Number { get; private set; } = "";
    public int Revision { get; private set; }

    /// <summary>The revision this one replaced, or null for the first.</summary>
    public Guid? PreviousId { get; private set; }
    public Guid PartyId { get; private set; }
    public Guid? AccountId { get; private set; }
    public Guid? OpportunityId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public CurrencyCode Currency { get; private set; }
    public DateOnly QuoteDate { get; private set; }
    public DateOnly ValidUntil { get; private set; }
    public string? Notes { get; private set; }
    public QuoteStatus Status { get; private set; }
    public string? RejectionReason { get; private set; }
    public decimal Untaxed { get; private set; }
    public decimal Tax { get; private set; }
    public decimal Total { get; private set; }

    /// <summary>The latest line promise date: when everything can ship together.</summary>
    public DateOnly? ShipCompleteDate { get; private set; }
    public Guid? OrderId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public IReadOnlyList<QuoteLine> Lines => _lines;

    public static Quote Draft(string number, QuoteHeader header, IReadOnlyList<PricedLine> lines, DateTimeOffset now)
    {
        var quote = new Quote { Number = number, Revision = 1, Status = QuoteStatus.Open, CreatedAt = now };
        quote.Apply(header, lines);
        return quote;
    }

    /// <summary>Replaces this quote with its next revision; this one is kept as it was, read-only.</summary>
    public Quote Revise(QuoteHeader header, IReadOnlyList<PricedLine> lines, DateTimeOffset now)
    {
        EnsureOpen();
        Status = QuoteStatus.Revised;
        var next = new Quote { Number = Number, Revision = Revision + 1, PreviousId = Id, Status = QuoteStatus.Open, CreatedAt = now };
        next.Apply(header with { PartyId = PartyId, AccountId = AccountId, OpportunityId = OpportunityId }, lines);
        return next;
    }

    public void MarkSent(DateTimeOffset now)
    {
        EnsureOpen();
        SentAt ??= now;
    }

    /// <summary>Refused when it is no longer open (<c>quote_already_accepted</c>, <c>quote_not_open</c>) or past its validity (<c>quote_expired</c>).</summary>
    public void EnsureAcceptable(DateOnly today)
    {
        EnsureOpen();
        if (today > ValidUntil)
            throw new BusinessRuleException(Error.Conflict("quote_expired", $"{Label} was valid until {ValidUntil:yyyy-MM-dd}; revise it with a new validity date."));
    }

    public void Accept(Guid orderId, DateOnly today, DateTimeOffset now)
    {
        EnsureAcceptable(today);
        Status = QuoteStatus.Accepted;
        OrderId = orderId;
        DecidedAt = now;
    }

    public void Reject(string reason, DateTimeOffset now)
    {
        EnsureOpen();
        if (string.IsNullOrWhiteSpace(reason))
            throw new BusinessRuleException(Error.Validation("reason", "Say why the customer rejected it."));
        Status = QuoteStatus.Rejected;
        RejectionReason = reason.Trim();
        DecidedAt = now;
    }

    public string Label => $"{Number} rev. {Revision}";

    public void RepointCustomer(Guid partyId) => PartyId = partyId;

    public static string Describe(QuoteStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>What the customer sees: an open quote past its validity reads as expired.</summary>
    public static string Describe(QuoteStatus status, DateOnly validUntil, DateOnly today) =>
        status == QuoteStatus.Open && today > validUntil ? "expired" : Describe(status);

    private void EnsureOpen()
    {
        switch (Status)
        {
            case QuoteStatus.Accepted:
                throw new BusinessRuleException(Error.Conflict("quote_already_accepted", $"{Label} was already accepted."));
            case QuoteStatus.Rejected:
                throw new BusinessRuleException(Error.Conflict("quote_not_open", $"{Label} was rejected."));
            case QuoteStatus.Revised:
                throw new BusinessRuleException(Error.Conflict("quote_not_open", $"{Label} was replaced by a later revision; it is read-only."));
        }
    }

    private void Apply(QuoteHeader header, IReadOnlyList<PricedLine> lines)
    {
        if (lines.Count == 0)
            throw new BusinessRuleException(new Error("quote_has_no_lines", "A quote needs at least one line."));
        PartyId = header.PartyId;
        AccountId = header.AccountId;
        OpportunityId = header.OpportunityId;
        WarehouseId = header.WarehouseId;
        Currency = header.Currency;
        QuoteDate = header.QuoteDate;
        ValidUntil = header.ValidUntil;
        Notes = string.IsNullOrWhiteSpace(header.Notes) ? null : header.Notes.Trim();
        _lines.Clear();
        for (var i = 0; i < lines.Count; i++)
            _lines.Add(new QuoteLine(Id, i + 1, lines[i], Currency));
        Untaxed = _lines.Sum(l => l.Net);
        Tax = _lines.Sum(l => l.TaxAmount);
        Total = Untaxed + Tax;
        ShipCompleteDate = _lines.Max(l => l.PromiseDate);
    }
}

internal sealed class QuoteLine : Entity
{
    private QuoteLine()
    {
    }

    public QuoteLine(Guid quoteId, int lineNumber, PricedLine line, CurrencyCode currency)
    {
        QuoteId = quoteId;
        LineNumber = lineNumber;
        ProductId = line.ProductId;
        IsService = line.IsService;
        Description = line.Description;
        Quantity = line.Quantity;
        Unit = line.Unit;
        UnitPrice = line.UnitPrice;
        PriceSource = line.PriceSource;
        DiscountPercent = line.DiscountPercent;
        TaxId = line.Tax?.Id;
        TaxCode = line.Tax?.Code;
        TaxRate = line.Tax?.Rate ?? 0m;
        PriceIncludesTax = line.Tax?.PriceIncludesTax ?? false;
        var amounts = Pricing.Line(line.Quantity, line.UnitPrice, line.DiscountPercent, line.Tax, currency);
        NetUnitPrice = amounts.NetUnitPrice;
        Net = amounts.Net;
        TaxAmount = amounts.Tax;
        Gross = amounts.Gross;
        PromiseDate = line.PromiseDate;
        PromiseBasis = line.PromiseBasis;
    }

    public Guid QuoteId { get; private set; }
    public int LineNumber { get; private set; }
    public Guid ProductId { get; private set; }
    public bool IsService { get; private set; }
    public string Description { get; private set; } = "";

    /// <summary>In the product's unit.</summary>
    public decimal Quantity { get; private set; }
    public string Unit { get; private set; } = "";
    public decimal UnitPrice { get; private set; }

    /// <summary><c>price_list</c>, <c>list_price</c> or <c>manual</c>.</summary>
    public string PriceSource { get; private set; } = "";
    public decimal DiscountPercent { get; private set; }
    public decimal NetUnitPrice { get; private set; }
    public Guid? TaxId { get; private set; }
    public string? TaxCode { get; private set; }
    public decimal TaxRate { get; private set; }
    public bool PriceIncludesTax { get; private set; }
    public decimal Net { get; private set; }
    public decimal TaxAmount { get; private set; }
    public decimal Gross { get; private set; }
    public DateOnly PromiseDate { get; private set; }

    /// <summary>How the promise was found: <c>stock</c>, <c>scheduled</c>, <c>lead_time</c>, or <c>service</c>.</summary>
    public string PromiseBasis { get; private set; } = "";

    public LineTax? Tax => TaxId is { } id ? new LineTax(id, TaxCode ?? "", TaxRate, PriceIncludesTax) : null;
}

internal sealed record QuoteHeader(Guid PartyId, Guid? AccountId, Guid? OpportunityId, Guid WarehouseId, CurrencyCode Currency, DateOnly QuoteDate, DateOnly ValidUntil, string? Notes);

/// <summary>A line priced and promised, ready to go on a quote.</summary>
internal sealed record PricedLine(
    Guid ProductId, bool IsService, string Description, decimal Quantity, string Unit, decimal UnitPrice, string PriceSource, decimal DiscountPercent, LineTax? Tax,
    DateOnly PromiseDate, string PromiseBasis);
