using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Platform.Consistency;

namespace Tandem.Accounting.Ledger;

/// <summary>
/// Proves the ledger over every company: each posted entry balances; each balance row equals the sum of the posted
/// lines behind it (and no posted line lacks its balance row); and each receivable or payable account's balance per
/// party equals that party's open items.
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
        return violations;
    }
}
