using Tandem.Accounting.Contracts;
using Tandem.Platform.Numbering;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Domain;

/// <summary>
/// A customer invoice or credit note, or a vendor bill or refund. A draft changes freely; posting numbers it
/// gap-free, writes its journal entry and opens one open item per instalment of its payment term.
/// </summary>
internal sealed class Invoice : Entity
{
    private readonly List<InvoiceLine> _lines = [];

    private Invoice()
    {
    }

    public InvoiceKind Kind { get; private set; }
    public string? Number { get; private set; }
    public Guid PartyId { get; private set; }
    public DateOnly Date { get; private set; }
    public CurrencyCode Currency { get; private set; }
    public Guid? PaymentTermId { get; private set; }
    public string? Reference { get; private set; }
    public EntryStatus Status { get; private set; }
    public decimal Untaxed { get; private set; }
    public decimal TaxTotal { get; private set; }
    public decimal Total { get; private set; }

    /// <summary>The rate used to post it: company-currency units per unit of <see cref="Currency"/>.</summary>
    public decimal Rate { get; private set; }

    public Guid? JournalEntryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<InvoiceLine> Lines => _lines;

    public bool IsCustomer => Kind is InvoiceKind.CustomerInvoice or InvoiceKind.CustomerCreditNote;

    /// <summary>Invoices and refunds raise what the party owes us (receivable debit, payable debit); credit notes and bills lower it.</summary>
    public int Sign => Kind is InvoiceKind.CustomerInvoice or InvoiceKind.VendorRefund ? 1 : -1;

    private static readonly DocumentNumberFormat CustomerInvoiceNumber = new("customer-invoice", "INV", Yearly: true);
    private static readonly DocumentNumberFormat CustomerCreditNoteNumber = new("customer-credit-note", "CN", Yearly: true);
    private static readonly DocumentNumberFormat VendorBillNumber = new("vendor-bill", "BILL", Yearly: true);
    private static readonly DocumentNumberFormat VendorRefundNumber = new("vendor-refund", "VR", Yearly: true);

    /// <summary>Each kind numbers from its own sequence, gap-free per fiscal year: INV, CN, BILL, VR.</summary>
    public static IReadOnlyList<DocumentNumberFormat> NumberFormats { get; } = [CustomerInvoiceNumber, CustomerCreditNoteNumber, VendorBillNumber, VendorRefundNumber];

    public static DocumentNumberFormat NumberFormatOf(InvoiceKind kind) => kind switch
    {
        InvoiceKind.CustomerInvoice => CustomerInvoiceNumber,
        InvoiceKind.CustomerCreditNote => CustomerCreditNoteNumber,
        InvoiceKind.VendorBill => VendorBillNumber,
        _ => VendorRefundNumber,
    };

    public static Invoice Draft(InvoiceKind kind, InvoiceHeader header, IReadOnlyList<InvoiceLineDraft> lines, DateTimeOffset now)
    {
        var invoice = new Invoice { Kind = kind, CreatedAt = now, Status = EntryStatus.Draft };
        invoice.Apply(header, lines);
        return invoice;
    }

    public void Change(InvoiceHeader header, IReadOnlyList<InvoiceLineDraft> lines)
    {
        EnsureDraft();
        Apply(header, lines);
    }

    public void MarkPosted(string number, decimal rate, Guid journalEntryId)
    {
        EnsureDraft();
        Number = number;
        Rate = rate;
        JournalEntryId = journalEntryId;
        Status = EntryStatus.Posted;
    }

    public void RepointParty(Guid partyId) => PartyId = partyId;

    public void EnsureDraft()
    {
        if (Status == EntryStatus.Posted)
            throw new BusinessRuleException(Error.Conflict("invoice_posted", $"{Number} is posted and cannot change; issue a credit note instead."));
    }

    private void Apply(InvoiceHeader header, IReadOnlyList<InvoiceLineDraft> lines)
    {
        PartyId = header.PartyId;
        Date = header.Date;
        Currency = header.Currency;
        PaymentTermId = header.PaymentTermId;
        Reference = string.IsNullOrWhiteSpace(header.Reference) ? null : header.Reference.Trim();
        _lines.Clear();
        for (var i = 0; i < lines.Count; i++)
            _lines.Add(new InvoiceLine(Id, i + 1, lines[i]));
        Untaxed = _lines.Sum(l => l.Base);
        TaxTotal = _lines.Sum(l => l.TaxAmount);
        Total = Untaxed + TaxTotal;
    }
}

internal sealed class InvoiceLine : Entity
{
    private InvoiceLine()
    {
    }

    public InvoiceLine(Guid invoiceId, int lineNumber, InvoiceLineDraft draft)
    {
        InvoiceId = invoiceId;
        LineNumber = lineNumber;
        Description = draft.Description;
        Quantity = draft.Quantity;
        UnitPrice = draft.UnitPrice;
        AccountId = draft.AccountId;
        TaxId = draft.TaxId;
        PurchaseOrderLineId = draft.PurchaseOrderLineId;
        Base = draft.Base;
        TaxAmount = draft.TaxAmount;
    }

    public Guid InvoiceId { get; private set; }
    public int LineNumber { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid? TaxId { get; private set; }

    /// <summary>The purchase order line a vendor bill line is for, matched three ways before the bill posts.</summary>
    public Guid? PurchaseOrderLineId { get; private set; }

    /// <summary>The amount before tax, in the invoice currency.</summary>
    public decimal Base { get; private set; }

    public decimal TaxAmount { get; private set; }
}

internal sealed record InvoiceHeader(Guid PartyId, DateOnly Date, CurrencyCode Currency, Guid? PaymentTermId, string? Reference);

internal sealed record InvoiceLineDraft(
    string Description, decimal Quantity, decimal UnitPrice, Guid AccountId, Guid? TaxId, decimal Base, decimal TaxAmount, Guid? PurchaseOrderLineId = null);

/// <summary>
/// What a party still owes (positive) or is owed (negative), one row per instalment of a posted invoice, or per
/// payment left on account. Amounts are signed like the receivable or payable account: debit positive.
/// </summary>
internal sealed class OpenItem : Entity
{
    private readonly List<OpenItemChange> _changes = [];

    private OpenItem()
    {
    }

    public Guid PartyId { get; private set; }
    public Guid AccountId { get; private set; }
    public bool IsReceivable { get; private set; }
    public Guid? InvoiceId { get; private set; }
    public Guid? PaymentId { get; private set; }
    public string DocumentNumber { get; private set; } = "";
    public int Instalment { get; private set; }
    public DateOnly Date { get; private set; }
    public DateOnly DueDate { get; private set; }
    public CurrencyCode Currency { get; private set; }
    public decimal Amount { get; private set; }
    public decimal CompanyAmount { get; private set; }
    public decimal OpenAmount { get; private set; }
    public decimal OpenCompanyAmount { get; private set; }

    /// <summary>The settlements and revaluations recorded in this unit of work (not loaded with the item).</summary>
    public IReadOnlyList<OpenItemChange> Changes => _changes;

    public static OpenItem Open(
        Guid partyId, Guid accountId, bool isReceivable, Guid? invoiceId, Guid? paymentId, string documentNumber, int instalment,
        DateOnly date, DateOnly dueDate, CurrencyCode currency, decimal amount, decimal companyAmount) =>
        new()
        {
            PartyId = partyId, AccountId = accountId, IsReceivable = isReceivable, InvoiceId = invoiceId, PaymentId = paymentId,
            DocumentNumber = documentNumber, Instalment = instalment, Date = date, DueDate = dueDate, Currency = currency,
            Amount = amount, CompanyAmount = companyAmount, OpenAmount = amount, OpenCompanyAmount = companyAmount,
        };

    /// <summary>
    /// Settles part of the item (an amount of its own sign) and returns the company-currency value it carried:
    /// the whole remaining value when the item closes, otherwise the proportional share. The change is recorded
    /// with its date, so the open amount at any earlier date can be rebuilt.
    /// </summary>
    public decimal Settle(decimal amount, CurrencyCode companyCurrency, DateOnly date, OpenItemChangeKind kind)
    {
        if (Math.Sign(amount) != Math.Sign(OpenAmount) || Math.Abs(amount) > Math.Abs(OpenAmount))
            throw new BusinessRuleException(new Error("overpayment", $"{DocumentNumber} has {Math.Abs(OpenAmount):0.00##} {Currency} open."));
        var value = amount == OpenAmount
            ? OpenCompanyAmount
            : Math.Round(OpenCompanyAmount * amount / OpenAmount, companyCurrency.MinorUnits, MidpointRounding.AwayFromZero);
        OpenAmount -= amount;
        OpenCompanyAmount -= value;
        _changes.Add(new OpenItemChange(Id, date, kind, amount, value));
        return value;
    }

    /// <summary>Restates the open amount in the company currency at a new rate on the date; returns the change.</summary>
    public decimal Revalue(decimal rate, CurrencyCode companyCurrency, DateOnly date)
    {
        var value = Math.Round(OpenAmount * rate, companyCurrency.MinorUnits, MidpointRounding.AwayFromZero);
        var change = value - OpenCompanyAmount;
        OpenCompanyAmount = value;
        if (change != 0)
            _changes.Add(new OpenItemChange(Id, date, OpenItemChangeKind.Revaluation, 0m, -change));
        return change;
    }

    public void RepointParty(Guid partyId) => PartyId = partyId;
}

internal enum OpenItemChangeKind
{
    Payment,
    WriteOff,
    Revaluation,
}

/// <summary>
/// What one dated event took off an open item, signed like the item: a payment or write-off settles part of it, a
/// revaluation restates its company-currency value. The open amount at a date is today's open amount plus the changes
/// dated after it.
/// </summary>
internal sealed class OpenItemChange : Entity
{
    private OpenItemChange()
    {
    }

    public OpenItemChange(Guid openItemId, DateOnly date, OpenItemChangeKind kind, decimal amount, decimal companyAmount)
    {
        OpenItemId = openItemId;
        Date = date;
        Kind = kind;
        Amount = amount;
        CompanyAmount = companyAmount;
    }

    public Guid OpenItemId { get; private set; }
    public DateOnly Date { get; private set; }
    public OpenItemChangeKind Kind { get; private set; }

    /// <summary>Taken off the open amount in the item's currency.</summary>
    public decimal Amount { get; private set; }

    /// <summary>Taken off the open amount in the company currency.</summary>
    public decimal CompanyAmount { get; private set; }
}
