using Tandem.SharedKernel;

namespace Tandem.Accounting.Contracts;

/// <summary>What other modules may ask of the ledger.</summary>
public interface IAccountingModule
{
    /// <summary>The account of the current company with the code, or null.</summary>
    Task<AccountSummary?> FindAccountAsync(string code, CancellationToken ct);

    /// <summary>The customer's open receivables and credit limit, for order-to-cash credit checks.</summary>
    Task<CreditPosition> GetCreditPositionAsync(Guid partyId, CancellationToken ct);
}

public enum AccountType
{
    Asset,
    Liability,
    Equity,
    Income,
    Expense,
}

/// <summary>The job an account does for the ledger; postings of documents find their accounts by role.</summary>
public enum ControlRole
{
    None,
    Receivable,
    Payable,
    Inventory,
    Tax,
    RetainedEarnings,
    GoodsReceivedNotInvoiced,
    ExchangeDifference,
}

public sealed record AccountSummary(Guid Id, string Code, string Name, AccountType Type, ControlRole Role, bool IsActive);

public static class AccountingPermissions
{
    public const string Read = "accounting.read";
    public const string Write = "accounting.write";
    public const string Post = "accounting.post";
    public const string Close = "accounting.close";
    public const string Manage = "accounting.manage";
}

/// <summary>What a customer owes against their credit limit, in the company currency; no limit means unlimited.</summary>
public sealed record CreditPosition(Guid PartyId, Money Open, Money? Limit, Money? Available);

/// <summary>The four documents of receivables and payables.</summary>
public enum InvoiceKind
{
    CustomerInvoice,
    CustomerCreditNote,
    VendorBill,
    VendorRefund,
}

/// <summary>Whether a payment brings money in or sends it out.</summary>
public enum PaymentDirection
{
    /// <summary>Money received, usually from a customer.</summary>
    In,

    /// <summary>Money paid, usually to a supplier.</summary>
    Out,
}

/// <summary>How an instalment of a payment term is sized.</summary>
public enum InstalmentKind
{
    Percent,
    Remainder,
}
