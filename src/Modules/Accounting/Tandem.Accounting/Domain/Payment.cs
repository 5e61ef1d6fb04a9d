using Tandem.Accounting.Contracts;
using Tandem.Platform.Numbering;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Domain;

/// <summary>A payment received or made, posted at once and allocated to one or several open items.</summary>
internal sealed class Payment : Entity
{
    private readonly List<PaymentAllocation> _allocations = [];

    private Payment()
    {
    }

    public string Number { get; private set; } = "";
    /// <summary>Money in is numbered RCPT, money out PAY, each gap-free per fiscal year.</summary>
    public static readonly DocumentNumberFormat InNumberFormat = new("payment-in", "RCPT", Yearly: true);
    public static readonly DocumentNumberFormat OutNumberFormat = new("payment-out", "PAY", Yearly: true);

    public PaymentDirection Direction { get; private set; }
    public Guid PartyId { get; private set; }
    public DateOnly Date { get; private set; }
    public CurrencyCode Currency { get; private set; }
    public decimal Amount { get; private set; }
    public decimal Rate { get; private set; }
    public Guid BankAccountId { get; private set; }
    public string? Reference { get; private set; }
    public decimal WriteOff { get; private set; }
    public decimal OnAccount { get; private set; }
    public decimal ExchangeDifference { get; private set; }
    public Guid JournalEntryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<PaymentAllocation> Allocations => _allocations;

    public static Payment Record(
        string number, PaymentDirection direction, Guid partyId, DateOnly date, Money amount, decimal rate, Guid bankAccountId, string? reference, DateTimeOffset now) =>
        new()
        {
            Number = number, Direction = direction, PartyId = partyId, Date = date, Currency = amount.Currency, Amount = amount.Amount,
            Rate = rate, BankAccountId = bankAccountId, Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(), CreatedAt = now,
        };

    public void Allocate(OpenItem item, decimal amount, decimal companyAmount) =>
        _allocations.Add(new PaymentAllocation(Id, item.Id, item.InvoiceId, item.DocumentNumber, amount, companyAmount));

    public void Complete(Guid journalEntryId, decimal writeOff, decimal onAccount, decimal exchangeDifference)
    {
        JournalEntryId = journalEntryId;
        WriteOff = writeOff;
        OnAccount = onAccount;
        ExchangeDifference = exchangeDifference;
    }

    public void RepointParty(Guid partyId) => PartyId = partyId;
}

internal sealed class PaymentAllocation : Entity
{
    private PaymentAllocation()
    {
    }

    public PaymentAllocation(Guid paymentId, Guid openItemId, Guid? invoiceId, string documentNumber, decimal amount, decimal companyAmount)
    {
        PaymentId = paymentId;
        OpenItemId = openItemId;
        InvoiceId = invoiceId;
        DocumentNumber = documentNumber;
        Amount = amount;
        CompanyAmount = companyAmount;
    }

    public Guid PaymentId { get; private set; }
    public Guid OpenItemId { get; private set; }
    public Guid? InvoiceId { get; private set; }
    public string DocumentNumber { get; private set; } = "";

    /// <summary>The part of the payment applied to the item, positive, in the payment currency.</summary>
    public decimal Amount { get; private set; }

    /// <summary>The item's company-currency value the allocation settled.</summary>
    public decimal CompanyAmount { get; private set; }
}

/// <summary>Per-company ledger settings.</summary>
internal sealed class LedgerSettings : Entity
{
    private LedgerSettings()
    {
    }

    /// <summary>The largest difference, in the company currency, a payment may write off to close an item.</summary>
    public decimal WriteOffTolerance { get; private set; }

    /// <summary>Where written-off differences go; the default chart's account 6800 when not set.</summary>
    public Guid? WriteOffAccountId { get; private set; }

    /// <summary>How many days past its due date an open receivable may be before it counts as overdue and blocks new credit.</summary>
    public int OverdueToleranceDays { get; private set; }

    public static LedgerSettings Defaults() => new() { WriteOffTolerance = 1.00m };

    public void Change(decimal writeOffTolerance, Guid? writeOffAccountId, int overdueToleranceDays)
    {
        WriteOffTolerance = writeOffTolerance;
        WriteOffAccountId = writeOffAccountId;
        OverdueToleranceDays = overdueToleranceDays;
    }
}

/// <summary>How much a customer may owe before new sales are held.</summary>
internal sealed class CreditLimit : Entity
{
    private CreditLimit()
    {
    }

    public Guid PartyId { get; private set; }
    public decimal Limit { get; private set; }

    public static CreditLimit For(Guid partyId, decimal limit) => new() { PartyId = partyId, Limit = limit };

    public void Change(decimal limit) => Limit = limit;

    public void RepointParty(Guid partyId) => PartyId = partyId;
}
