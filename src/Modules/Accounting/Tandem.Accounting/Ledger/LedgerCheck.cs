using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Features.Invoices;
using Tandem.Platform.Consistency;

namespace Tandem.Accounting.Ledger;

/// <summary>
/// Proves the ledger over every company: each posted entry balances; each balance row equals the sum of the posted
/// lines behind it (and no posted line lacks its balance row); each receivable or payable account's balance per
/// party equals that party's open items; and each posted document has its journal entry: every posted invoice, credit
/// note, bill or refund and every payment names an entry of its own company that exists and is posted, and an
/// invoice's entry carries its total on the receivable (customer documents) or payable (vendor documents) side: its
/// lines on accounts with either role, in the invoice's currency, add up to the total, positive (debit) for invoices
/// and refunds, negative for credit notes and bills.
/// </summary>
internal sealed class LedgerCheck(AccountingDb db) : IConsistencyCheck
{
    public string Name => "ledger";

    public async Task<IReadOnlyList<ConsistencyViolation>> RunAsync(CancellationToken ct)
    {
        var violations = new List<ConsistencyViolation>();
        // The check reads every posted line; on tens of millions that takes minutes, not a request's 30 seconds.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));

        var unbalanced = await db.Lines.IgnoreQueryFilters().Where(l => l.IsPosted)
            .GroupBy(l => new { l.CompanyId, l.EntryId })
            .Select(g => new { g.Key.CompanyId, g.Key.EntryId, Debit = g.Sum(l => l.Debit), Credit = g.Sum(l => l.Credit) })
            .Where(g => g.Debit != g.Credit)
            .ToListAsync(ct);
        violations.AddRange(unbalanced.Select(u => new ConsistencyViolation(Name, u.CompanyId, "entry_unbalanced",
            $"entry {u.EntryId}: debits {u.Debit} ≠ credits {u.Credit}")));

        var partyAccounts = (await db.Accounts.IgnoreQueryFilters()
            .Where(a => a.Role == ControlRole.Receivable || a.Role == ControlRole.Payable).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        var sums = await db.Lines.IgnoreQueryFilters().Where(l => l.IsPosted)
            .GroupBy(l => new { l.CompanyId, l.AccountId, l.Period, l.Currency, l.PartyId })
            .Select(g => new { g.Key.CompanyId, g.Key.AccountId, g.Key.Period, g.Key.Currency, g.Key.PartyId, Debit = g.Sum(l => l.Debit), Credit = g.Sum(l => l.Credit), Amount = g.Sum(l => l.Amount) })
            .ToListAsync(ct);
        var expected = sums
            .GroupBy(s => (s.CompanyId, s.AccountId, s.Period, Currency: s.Currency.Value,
                PartyId: partyAccounts.Contains(s.AccountId) ? s.PartyId ?? Guid.Empty : Guid.Empty))
            .ToDictionary(g => g.Key, g => (Debit: g.Sum(s => s.Debit), Credit: g.Sum(s => s.Credit), Amount: g.Sum(s => s.Amount)));
        var stored = await db.Balances.AsNoTracking().ToListAsync(ct);
        foreach (var row in stored)
        {
            var key = (row.CompanyId, row.AccountId, row.Period, row.Currency, row.PartyId);
            var lines = expected.GetValueOrDefault(key);
            if (lines.Debit != row.Debit || lines.Credit != row.Credit || lines.Amount != row.Amount)
            {
                violations.Add(new ConsistencyViolation(Name, row.CompanyId, "balance_mismatch",
                    $"account {row.AccountId} period {row.Period} {row.Currency} party {row.PartyId}: balance {row.Debit}/{row.Credit}/{row.Amount}, lines {lines.Debit}/{lines.Credit}/{lines.Amount}"));
            }
            expected.Remove(key);
        }
        foreach (var (key, lines) in expected)
        {
            violations.Add(new ConsistencyViolation(Name, key.CompanyId, "balance_missing",
                $"account {key.AccountId} period {key.Period} {key.Currency} party {key.PartyId}: lines {lines.Debit}/{lines.Credit}/{lines.Amount} have no balance row"));
        }

        var control = stored.Where(b => partyAccounts.Contains(b.AccountId))
            .GroupBy(b => (b.CompanyId, b.AccountId, b.PartyId))
            .ToDictionary(g => g.Key, g => g.Sum(b => b.Debit - b.Credit));
        var items = await db.OpenItems.IgnoreQueryFilters()
            .GroupBy(o => new { o.CompanyId, o.AccountId, o.PartyId })
            .Select(g => new { g.Key.CompanyId, g.Key.AccountId, g.Key.PartyId, Open = g.Sum(o => o.OpenCompanyAmount) })
            .ToListAsync(ct);
        foreach (var item in items)
        {
            var key = (item.CompanyId, item.AccountId, item.PartyId);
            var balance = control.GetValueOrDefault(key);
            if (balance != item.Open)
            {
                violations.Add(new ConsistencyViolation(Name, item.CompanyId, "control_not_open_items",
                    $"account {item.AccountId} party {item.PartyId}: balance {balance}, open items {item.Open}"));
            }
            control.Remove(key);
        }
        foreach (var (key, balance) in control.Where(c => c.Value != 0))
        {
            violations.Add(new ConsistencyViolation(Name, key.CompanyId, "control_not_open_items",
                $"account {key.AccountId} party {key.PartyId}: balance {balance}, no open items"));
        }

        await CheckDocumentEntriesAsync(violations, ct);
        return violations;
    }

    // Each query is one statement over all companies: left joins and grouped sums, never a query per document.
    private async Task CheckDocumentEntriesAsync(List<ConsistencyViolation> violations, CancellationToken ct)
    {
        var entries = db.Entries.IgnoreQueryFilters();
        var invoices = db.Invoices.IgnoreQueryFilters().Where(i => i.Status == EntryStatus.Posted);

        var invoiceEntries = await (
            from i in invoices
            join e in entries on new { Id = i.JournalEntryId, i.CompanyId } equals new { Id = (Guid?)e.Id, e.CompanyId } into found
            from e in found.DefaultIfEmpty()
            where e == null || e.Status != EntryStatus.Posted
            select new { i.CompanyId, i.Kind, i.Number, i.JournalEntryId, Found = e != null, EntryNumber = e == null ? null : e.Number })
            .ToListAsync(ct);
        foreach (var i in invoiceEntries)
        {
            violations.Add(i.Found
                ? new ConsistencyViolation(Name, i.CompanyId, "document_entry_not_posted", $"{InvoicePosting.Describe(i.Kind)} {i.Number}: its entry {i.JournalEntryId} is a draft")
                : new ConsistencyViolation(Name, i.CompanyId, "document_entry_missing", $"{InvoicePosting.Describe(i.Kind)} {i.Number}: no entry {i.JournalEntryId?.ToString() ?? "named"} in its company"));
        }

        var paymentEntries = await (
            from p in db.Payments.IgnoreQueryFilters()
            join e in entries on new { Id = p.JournalEntryId, p.CompanyId } equals new { e.Id, e.CompanyId } into found
            from e in found.DefaultIfEmpty()
            where e == null || e.Status != EntryStatus.Posted
            select new { p.CompanyId, p.Number, p.JournalEntryId, Found = e != null })
            .ToListAsync(ct);
        foreach (var p in paymentEntries)
        {
            violations.Add(p.Found
                ? new ConsistencyViolation(Name, p.CompanyId, "document_entry_not_posted", $"payment {p.Number}: its entry {p.JournalEntryId} is a draft")
                : new ConsistencyViolation(Name, p.CompanyId, "document_entry_missing", $"payment {p.Number}: no entry {p.JournalEntryId} in its company"));
        }

        var controlAccounts = db.Accounts.IgnoreQueryFilters().Where(a => a.Role == ControlRole.Receivable || a.Role == ControlRole.Payable).Select(a => a.Id);
        var controlLines = db.Lines.IgnoreQueryFilters().Where(l => controlAccounts.Contains(l.AccountId));
        var sums = await (
            from i in invoices
            join l in controlLines on new { Id = i.JournalEntryId, i.CompanyId, i.Currency } equals new { Id = (Guid?)l.EntryId, l.CompanyId, l.Currency }
            group l.Amount by new { i.CompanyId, i.Id, i.Kind, i.Number, i.Currency, i.Total } into g
            select new { g.Key.CompanyId, g.Key.Kind, g.Key.Number, g.Key.Currency, g.Key.Total, Amount = g.Sum() })
            .Where(x => x.Kind == InvoiceKind.CustomerInvoice || x.Kind == InvoiceKind.VendorRefund ? x.Amount != x.Total : x.Amount + x.Total != 0)
            .ToListAsync(ct);
        // A non-zero total with no receivable or payable line at all in an entry that exists: the join above has no row for it.
        var uncarried = await invoices
            .Where(i => i.Total != 0
                && entries.Any(e => e.Id == i.JournalEntryId && e.CompanyId == i.CompanyId)
                && !controlLines.Any(l => l.EntryId == i.JournalEntryId && l.CompanyId == i.CompanyId && l.Currency == i.Currency))
            .Select(i => new { i.CompanyId, i.Kind, i.Number, i.Currency, i.Total, Amount = 0m })
            .ToListAsync(ct);
        foreach (var x in sums.Concat(uncarried))
        {
            violations.Add(new ConsistencyViolation(Name, x.CompanyId, "document_entry_total_mismatch",
                $"{InvoicePosting.Describe(x.Kind)} {x.Number}: total {x.Total} {x.Currency}, its entry's receivable or payable lines {x.Amount} {x.Currency}"));
        }
    }
}
