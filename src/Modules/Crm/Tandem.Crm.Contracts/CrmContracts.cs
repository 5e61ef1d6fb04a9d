using Tandem.SharedKernel;

namespace Tandem.Crm.Contracts;

/// <summary>What other modules may ask of the CRM.</summary>
public interface ICrmModule
{
    /// <summary>An account the current user may see, or null.</summary>
    Task<AccountSummary?> FindAccountAsync(Guid accountId, CancellationToken ct);

    /// <summary>An opportunity the current user may see, with its account's organisation, or null.</summary>
    Task<OpportunitySummary?> FindOpportunityAsync(Guid opportunityId, CancellationToken ct);
}

public sealed record AccountSummary(Guid Id, Guid PartyId, string Name, Guid? OwnerId);

/// <summary><see cref="Status"/>: <c>open</c>, <c>won</c> or <c>lost</c>.</summary>
public sealed record OpportunitySummary(Guid Id, string Name, Guid AccountId, Guid PartyId, Money Amount, string Status);

public static class CrmPermissions
{
    public const string Read = "crm.read";
    public const string Write = "crm.write";

    /// <summary>Teams, pipelines, scoring and assignment rules.</summary>
    public const string Manage = "crm.manage";

    /// <summary>See every CRM record of the company regardless of owner and team.</summary>
    /// <remarks>Named as a read permission: it only widens what is seen, and the executive's <c>*.read</c> grants it.</remarks>
    public const string All = "crm.all.read";
}

/// <summary>An activity's reminder that has come due, for its assignee (<see cref="UserId"/>; null when nobody is assigned).</summary>
public sealed record DueReminder(
    Guid CompanyId, Guid ActivityId, Guid? UserId, ActivityKind Kind, string Subject, DateOnly? DueDate, DateTimeOffset RemindAt, string Url);

/// <summary>
/// A way to deliver due reminders: the CRM's in-app notifications is one; email can be another. The reminder
/// service calls every registered channel inside the transaction that marks the reminder sent, so a channel
/// that fails leaves the reminder due and it is tried again.
/// </summary>
public interface IReminderChannel
{
    Task SendAsync(DueReminder reminder, CancellationToken ct);
}

/// <summary>Published when an opportunity is marked won, for the sales side to pick up.</summary>
public sealed record OpportunityWon(Guid CompanyId, Guid OpportunityId, Guid AccountId, Money Amount) : IIntegrationEvent;

/// <summary>What the customer-360 overview asks each contributing module about an account's organisation.</summary>
public sealed record AccountOverviewQuery(Guid AccountId, Guid PartyId, DateOnly Today);

/// <summary>
/// The ledger's side of the customer-360 overview (implemented by Accounting), in the company currency:
/// balances, credit, revenue, and the latest invoices and payments.
/// </summary>
public interface IAccountFinanceSource
{
    /// <summary>The permission a user needs to see the finance figures; without it the overview's <c>finance</c> is null.</summary>
    string Permission { get; }

    Task<AccountFinance> GetFinanceAsync(AccountOverviewQuery query, CancellationToken ct);
}

/// <summary>The sales side of the customer-360 overview (implemented by Sales): quotes, orders and shipments.</summary>
public interface IAccountSalesSource
{
    /// <summary>The permission a user needs to see the sales side; without it the overview's <c>sales</c> is null.</summary>
    string Permission => SalesReadPermission;

    /// <summary>The Sales module's read permission, the default of <see cref="Permission"/>.</summary>
    const string SalesReadPermission = "sales.read";

    Task<AccountSales> GetSalesAsync(AccountOverviewQuery query, CancellationToken ct);
}

/// <summary>ERP events for the overview's timeline (order confirmed, shipped, invoiced, paid), newest first, at most <paramref name="limit"/>.</summary>
public interface IAccountTimelineSource
{
    /// <summary>The permission a user needs to see this source's events; null: whoever may see the account.</summary>
    string? Permission => null;

    Task<IReadOnlyList<OverviewEvent>> GetEventsAsync(AccountOverviewQuery query, int limit, CancellationToken ct);
}

/// <summary><see cref="AvailableCredit"/> is null when the customer has no credit limit.</summary>
public sealed record AccountFinance(
    Money OpenBalance, Money Overdue, Money? CreditLimit, Money? AvailableCredit, Money LifetimeRevenue, Money YearToDateRevenue,
    IReadOnlyList<OverviewInvoice> Invoices, IReadOnlyList<OverviewPayment> Payments);

public sealed record OverviewInvoice(Guid Id, string? Number, string Kind, DateOnly Date, DateOnly? DueDate, Money Total, Money Open, string Status);

public sealed record OverviewPayment(Guid Id, string? Number, DateOnly Date, Money Amount);

public sealed record AccountSales(
    OverviewOrder? LastOrder, IReadOnlyList<OverviewOrder> OpenOrders, IReadOnlyList<OverviewQuote> OpenQuotes, IReadOnlyList<OverviewShipment> Shipments);

/// <summary><see cref="PromiseDate"/>: when the order can ship complete, as promised.</summary>
public sealed record OverviewOrder(Guid Id, string? Number, DateOnly Date, string Status, Money Total, DateOnly? PromiseDate);

public sealed record OverviewQuote(Guid Id, string? Number, int Revision, DateOnly? ValidUntil, string Status, Money Total);

/// <summary>A done delivery: what left, when, for which order, with its lots or serials.</summary>
public sealed record OverviewShipment(Guid MoveId, string Number, DateOnly Date, Guid OrderId, string? OrderNumber, string Product, decimal Quantity, IReadOnlyList<string> LotsOrSerials);

/// <summary>One entry of the merged timeline; <see cref="Kind"/> e.g. <c>order.confirmed</c>, <c>shipment.done</c>, <c>invoice.posted</c>, <c>payment.received</c>.</summary>
public sealed record OverviewEvent(DateTimeOffset At, string Kind, string Title, string? Reference, Money? Amount, string? Url)
{
    /// <summary>A line of text under the title: a note's text, an activity's details.</summary>
    public string? Detail { get; init; }
}
