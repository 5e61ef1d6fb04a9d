using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Ledger;
using Tandem.Crm.Contracts;
using Tandem.Platform.LiveUpdates;
using Tandem.Platform.Outbox;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.CustomerOverview;

/// <summary>
/// The ledger's side of a customer's 360 page, in the company currency: what they owe and how much of it is past due,
/// their credit, the revenue earned from them, and their latest invoices and payments. Every read goes through an
/// index that starts with the party, so it costs the same with 100,000 customers as with ten.
/// </summary>
internal sealed class AccountFinanceSource(AccountingDb db, CompanyCurrency currency) : IAccountFinanceSource
{
    public const int Latest = 10;

    public string Permission => AccountingPermissions.ReadCustomers;

    public async Task<AccountFinance> GetFinanceAsync(AccountOverviewQuery query, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var party = query.PartyId;
        var today = query.Today;
        Money M(decimal amount) => new(amount, company);

        // Plainly past due: what is still owed on instalments whose due date has gone by. Credits on account are not
        // netted against it; they are in the balance. Both sums in one read of the party's open items.
        var sums = await db.OpenItems.AsNoTracking().Where(o => o.IsReceivable && o.PartyId == party && o.OpenAmount != 0)
            .GroupBy(o => o.PartyId)
            .Select(g => new
            {
                Balance = g.Sum(o => o.OpenCompanyAmount),
                Overdue = g.Sum(o => o.DueDate < today && o.OpenCompanyAmount > 0 ? o.OpenCompanyAmount : 0m),
            })
            .SingleOrDefaultAsync(ct);
        var balance = sums?.Balance ?? 0m;
        var overdue = sums?.Overdue ?? 0m;
        var limit = await db.CreditLimits.AsNoTracking().Where(l => l.PartyId == party).Select(l => (decimal?)l.Limit).SingleOrDefaultAsync(ct);

        var (lifetime, yearToDate) = await RevenueAsync(party, today, company, ct);
        var invoices = await InvoicesAsync(party, today, company, ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.PartyId == party && p.Direction == PaymentDirection.In)
            .OrderByDescending(p => p.Date).ThenByDescending(p => p.Number).Take(Latest)
            .Select(p => new { p.Id, p.Number, p.Date, p.Amount, p.Currency }).ToListAsync(ct);
        return new AccountFinance(
            M(balance), M(overdue), limit is { } l ? M(l) : null, limit is { } l2 ? M(l2 - balance) : null, M(lifetime), M(yearToDate),
            invoices, payments.Select(p => new OverviewPayment(p.Id, p.Number, p.Date, new Money(p.Amount, p.Currency))).ToList());
    }

    /// <summary>
    /// Posted customer invoices less credit notes, before tax, in the company currency: summed in SQL by kind and rate,
    /// then each sum converted at its rate (documents in the company currency have rate 1 and are exact to the cent).
    /// Year to date counts documents dated from 1 January to today.
    /// </summary>
    private async Task<(decimal Lifetime, decimal YearToDate)> RevenueAsync(Guid party, DateOnly today, CurrencyCode company, CancellationToken ct)
    {
        var yearStart = new DateOnly(today.Year, 1, 1);
        var sums = await db.Invoices.AsNoTracking()
            .Where(i => i.PartyId == party && i.Status == EntryStatus.Posted && (i.Kind == InvoiceKind.CustomerInvoice || i.Kind == InvoiceKind.CustomerCreditNote))
            .GroupBy(i => new { i.Kind, i.Rate, ThisYear = i.Date >= yearStart && i.Date <= today })
            .Select(g => new { g.Key.Kind, g.Key.Rate, g.Key.ThisYear, Untaxed = g.Sum(i => i.Untaxed) })
            .ToListAsync(ct);
        decimal lifetime = 0m, yearToDate = 0m;
        foreach (var sum in sums)
        {
            var value = (sum.Kind == InvoiceKind.CustomerCreditNote ? -1 : 1) * ExchangeRate.Convert(sum.Untaxed, sum.Rate, company);
            lifetime += value;
            if (sum.ThisYear)
                yearToDate += value;
        }
        return (lifetime, yearToDate);
    }

    private async Task<IReadOnlyList<OverviewInvoice>> InvoicesAsync(Guid party, DateOnly today, CurrencyCode company, CancellationToken ct)
    {
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.PartyId == party && i.Status == EntryStatus.Posted && (i.Kind == InvoiceKind.CustomerInvoice || i.Kind == InvoiceKind.CustomerCreditNote))
            .OrderByDescending(i => i.Date).ThenByDescending(i => i.Number).Take(Latest)
            .Select(i => new { i.Id, i.Number, i.Kind, i.Date, i.Total, i.Currency }).ToListAsync(ct);
        var ids = invoices.Select(i => (Guid?)i.Id).ToList();
        var items = await db.OpenItems.AsNoTracking().Where(o => ids.Contains(o.InvoiceId))
            .Select(o => new { o.InvoiceId, o.DueDate, o.OpenAmount }).ToListAsync(ct);
        var byInvoice = items.ToLookup(o => o.InvoiceId!.Value);
        return invoices.Select(i =>
        {
            var its = byInvoice[i.Id].ToList();
            var open = Math.Abs(its.Sum(o => o.OpenAmount));
            var due = its.Where(o => o.OpenAmount != 0).Select(o => (DateOnly?)o.DueDate).Min() ?? its.Select(o => (DateOnly?)o.DueDate).Max();
            var status = i.Kind == InvoiceKind.CustomerCreditNote
                ? open == 0 ? "applied" : "open"
                : open == 0 ? "paid" : due < today ? "overdue" : "open";
            return new OverviewInvoice(i.Id, i.Number, JsonNamingPolicy.CamelCase.ConvertName(i.Kind.ToString()), i.Date, due,
                new Money(i.Total, i.Currency), new Money(open, i.Currency), status);
        }).ToList();
    }
}

/// <summary>The ledger's events on a customer's timeline: invoices and credit notes posted, payments received.</summary>
internal sealed class AccountLedgerTimeline(AccountingDb db, Platform.ICurrentUser user) : IAccountTimelineSource
{
    public string? Permission => AccountingPermissions.ReadCustomers;

    public async Task<IReadOnlyList<OverviewEvent>> GetEventsAsync(AccountOverviewQuery query, int limit, CancellationToken ct)
    {
        var party = query.PartyId;
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.PartyId == party && i.Status == EntryStatus.Posted && (i.Kind == InvoiceKind.CustomerInvoice || i.Kind == InvoiceKind.CustomerCreditNote))
            .Join(db.Entries, i => i.JournalEntryId, e => e.Id, (i, e) => new { i.Id, i.Number, i.Kind, i.Total, i.Currency, e.PostedAt })
            .OrderByDescending(x => x.PostedAt).Take(limit).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.PartyId == party && p.Direction == PaymentDirection.In)
            .OrderByDescending(p => p.CreatedAt).Take(limit)
            .Select(p => new { p.Id, p.Number, p.Amount, p.Currency, p.CreatedAt }).ToListAsync(ct);
        // The ledger's pages are for those who read the ledger; a rep sees the entries without the links.
        var ledger = user.HasPermission(AccountingPermissions.Read);
        IEnumerable<OverviewEvent> events =
        [
            .. invoices.Select(i => i.Kind == InvoiceKind.CustomerInvoice
                ? new OverviewEvent(i.PostedAt!.Value, "invoice.posted", $"Invoice {i.Number} posted", i.Number, new Money(i.Total, i.Currency), ledger ? $"/accounting/invoices/{i.Id}" : null)
                : new OverviewEvent(i.PostedAt!.Value, "creditnote.posted", $"Credit note {i.Number} posted", i.Number, new Money(i.Total, i.Currency), ledger ? $"/accounting/invoices/{i.Id}" : null)),
            .. payments.Select(p => new OverviewEvent(p.CreatedAt, "payment.received", $"Payment {p.Number} received", p.Number, new Money(p.Amount, p.Currency), ledger ? "/accounting/payments" : null)),
        ];
        return events.OrderByDescending(e => e.At).Take(limit).ToList();
    }
}

/// <summary>Open customer pages refresh when the ledger posts a document or a payment of their party.</summary>
internal sealed class PartyChangedByLedger(IPartyChanges changes) : IIntegrationEventHandler<InvoicePosted>, IIntegrationEventHandler<PaymentReceived>
{
    public Task HandleAsync(InvoicePosted integrationEvent, IntegrationEventContext context, CancellationToken ct) =>
        changes.PublishAsync(new PartyChange(integrationEvent.CompanyId, integrationEvent.PartyId, "invoice.posted"), ct);

    public Task HandleAsync(PaymentReceived integrationEvent, IntegrationEventContext context, CancellationToken ct) =>
        changes.PublishAsync(new PartyChange(integrationEvent.CompanyId, integrationEvent.PartyId, "payment.received"), ct);
}
