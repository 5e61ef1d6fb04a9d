using Tandem.SharedKernel;

namespace Tandem.Accounting.Contracts;

/// <summary>What other modules may ask of the ledger.</summary>
public interface IAccountingModule
{
    /// <summary>The account of the current company with the code, or null.</summary>
    Task<AccountSummary?> FindAccountAsync(string code, CancellationToken ct);

    /// <summary>The customer's open receivables and credit limit, for order-to-cash credit checks.</summary>
    Task<CreditPosition> GetCreditPositionAsync(Guid partyId, CancellationToken ct);

    /// <summary>
    /// The amounts converted into <paramref name="to"/> at the rates in force on the date (for each currency the latest rate
    /// set on or before it), read in one query whatever the number of currencies; each result is rounded to the minor unit
    /// of <paramref name="to"/> and comes back in the order given. Refused with <c>currency_rate_missing</c> (its data naming
    /// the <c>currency</c> and <c>date</c>) when a currency other than the company's has no rate on or before the date.
    /// </summary>
    Task<Result<IReadOnlyList<Money>>> ConvertAsync(IReadOnlyList<Money> amounts, CurrencyCode to, DateOnly date, CancellationToken ct);

    /// <summary>
    /// Posts a balanced entry in the company currency inside the caller's open unit of work, through the same posting
    /// path as every other entry: a gap-free number, the balances moved, refused in a closed period
    /// (<c>period_closed</c>) or when an account role or code is missing (<c>account_unknown</c>).
    /// </summary>
    Task<Result<PostedEntry>> PostAsync(LedgerEntryRequest request, CancellationToken ct);

    /// <summary>Every company's balance (debits − credits) over the accounts with the role; for consistency checks.</summary>
    Task<IReadOnlyList<RoleBalance>> RoleBalancesAsync(ControlRole role, CancellationToken ct);

    /// <summary>
    /// Of the entries named, those that exist in their company and are posted; for consistency checks across every
    /// company. Ask in pages (a few thousand at a time): each company's numbers are looked up in one query.
    /// </summary>
    Task<IReadOnlySet<EntryReference>> PostedEntriesAsync(IReadOnlyCollection<EntryReference> entries, CancellationToken ct);

    /// <summary>The company's active taxes, for pricing documents (quotes, orders) before they are invoiced.</summary>
    Task<IReadOnlyList<TaxSummary>> ListTaxesAsync(CancellationToken ct);

    /// <summary>
    /// Creates and posts a customer invoice or credit note inside the caller's unit of work, through the same path as
    /// one entered in Accounting: gap-free number, receivable, revenue and tax lines, open items by the payment term,
    /// <see cref="InvoicePosted"/> published. Refused with <c>period_closed</c>, <c>account_unknown</c>, <c>tax_unknown</c>
    /// or a validation error; the caller then rolls its unit of work back.
    /// </summary>
    Task<Result<PostedInvoice>> PostCustomerDocumentAsync(CustomerDocumentRequest request, CancellationToken ct);

    /// <summary>Where the invoices stand (total and what is still open), for the documents that made them; unknown ids are left out.</summary>
    Task<IReadOnlyList<InvoiceStanding>> GetInvoicesAsync(IReadOnlyCollection<Guid> invoiceIds, CancellationToken ct);
}

/// <summary>A tax as documents apply it: <see cref="Rate"/> in percent; <see cref="PriceIncludesTax"/> when prices are gross.</summary>
public sealed record TaxSummary(Guid Id, string Code, string Name, decimal Rate, bool PriceIncludesTax);

/// <summary>
/// A customer invoice (<see cref="InvoiceKind.CustomerInvoice"/>) or credit note (<see cref="InvoiceKind.CustomerCreditNote"/>)
/// another module bills; <see cref="Currency"/> null means the company currency. <see cref="Reference"/> is what the
/// customer sees, e.g. the sales order number.
/// </summary>
public sealed record CustomerDocumentRequest(
    InvoiceKind Kind, Guid PartyId, DateOnly Date, string? Currency, string? Reference, IReadOnlyList<CustomerDocumentLine> Lines,
    Guid? PaymentTermId = null);

/// <summary>One line: unit price in the document currency, net or gross as the tax says; revenue account by code (e.g. <c>4000</c>).</summary>
public sealed record CustomerDocumentLine(string Description, decimal Quantity, decimal UnitPrice, string AccountCode, Guid? TaxId);

public sealed record PostedInvoice(Guid Id, string Number, Money Untaxed, Money Tax, Money Total, Guid JournalEntryId);

/// <summary><see cref="Open"/>: what is still to be paid (or, for a credit note, to be used); <see cref="Status"/> <c>draft</c> or <c>posted</c>.</summary>
public sealed record InvoiceStanding(Guid Id, string? Number, InvoiceKind Kind, string Status, DateOnly Date, Money Total, Money Open);

/// <summary>An entry another module posts; each line names its account by control role or by code.</summary>
public sealed record LedgerEntryRequest(DateOnly Date, string Description, string? Reference, IReadOnlyList<LedgerLineRequest> Lines);

/// <summary>One side of an entry in the company currency; give either a role or a code.</summary>
public sealed record LedgerLineRequest(ControlRole? Role, string? AccountCode, decimal Debit, decimal Credit, Guid? PartyId = null, string? Description = null);

public sealed record PostedEntry(Guid Id, string Number);

public sealed record RoleBalance(Guid CompanyId, decimal Balance);

/// <summary>A journal entry as another module records it: its company and its number (e.g. <c>JE2025-000042</c>).</summary>
public readonly record struct EntryReference(Guid CompanyId, string Number);

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
    CostOfGoodsSold,
    InventoryAdjustment,
}

public sealed record AccountSummary(Guid Id, string Code, string Name, AccountType Type, ControlRole Role, bool IsActive);

public static class AccountingPermissions
{
    public const string Read = "accounting.read";
    public const string Write = "accounting.write";
    public const string Post = "accounting.post";
    public const string Close = "accounting.close";
    public const string Manage = "accounting.manage";

    /// <summary>
    /// A customer's balance, credit, invoices and payments as the CRM's customer-360 page shows them, read-only: what a
    /// sales rep needs about their customers without reading the ledger.
    /// </summary>
    public const string ReadCustomers = "accounting.customers.read";
}

/// <summary>
/// What a customer owes against their credit limit, in the company currency; no limit means unlimited.
/// <see cref="Overdue"/>: open items past their due date by more than the company's overdue tolerance
/// (<see cref="OverdueToleranceDays"/>), which blocks new credit however much of the limit is left.
/// </summary>
public sealed record CreditPosition(Guid PartyId, Money Open, Money? Limit, Money? Available, Money Overdue, int OverdueToleranceDays);

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

/// <summary>
/// Compares a vendor bill whose lines reference purchase order lines with what was ordered and received (three-way
/// match). Accounting asks it, inside the saving or posting transaction, whenever such a bill is saved or posted; the
/// module that owns purchase orders implements it. A bill on hold is not posted.
/// </summary>
public interface IBillMatcher
{
    /// <summary>
    /// Matches the bill and records the outcome. With <paramref name="posting"/> the bill is being posted: when it is
    /// not on hold, the billed quantities are recorded against the order lines in the same transaction.
    /// <c>purchase_order_line_unknown</c> when a referenced line does not exist.
    /// </summary>
    Task<Result<BillMatchOutcome>> MatchAsync(BillToMatch bill, bool posting, CancellationToken ct);

    /// <summary>The draft bill was deleted: its match record goes with it.</summary>
    Task DiscardAsync(Guid billId, CancellationToken ct);
}

public sealed record BillToMatch(Guid BillId, Guid SupplierId, CurrencyCode Currency, DateOnly Date, IReadOnlyList<BillLineToMatch> Lines);

/// <summary>One bill line that references an order line: the quantity and unit price billed, in the bill's currency.</summary>
public sealed record BillLineToMatch(int LineNumber, Guid PurchaseOrderLineId, decimal Quantity, decimal UnitPrice);

/// <summary><see cref="OnHold"/> with the <see cref="Reason"/> when the bill does not match within the company's tolerances and no one released it.</summary>
public sealed record BillMatchOutcome(bool OnHold, string? Reason);

/// <summary>An invoice, credit note, bill or refund was posted: it has its number and its journal entry. Published through the outbox.</summary>
public sealed record InvoicePosted(Guid CompanyId, Guid InvoiceId, string Number, InvoiceKind Kind, Guid PartyId, DateOnly Date, Money Total) : IIntegrationEvent;

/// <summary>A customer's payment was registered and posted. Published through the outbox.</summary>
public sealed record PaymentReceived(Guid CompanyId, Guid PaymentId, string Number, Guid PartyId, DateOnly Date, Money Amount) : IIntegrationEvent;
