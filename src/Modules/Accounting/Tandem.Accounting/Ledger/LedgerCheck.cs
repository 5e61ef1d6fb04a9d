using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Platform.Consistency;

namespace Tandem.Accounting.Ledger;

/// <summary>
/// Proves the ledger over every company: each posted entry balances, and each balance row equals the sum of the
/// posted lines behind it (and no posted line lacks its balance row).
/// </summary>
internal sealed class LedgerCheck(AccountingDb db) : IConsistencyCheck
{
    public string Name => "ledger";

    public async Task<IReadOnlyList<ConsistencyViolation>> RunAsync(CancellationToken ct)
    {
        var violations = new List<ConsistencyViolation>();

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
            .GroupBy(l => new { l.CompanyId, l.AccountId, l.Date.Year, l.Date.Month, l.Currency, l.PartyId })
            .Select(g => new { g.Key.CompanyId, g.Key.AccountId, g.Key.Year, g.Key.Month, g.Key.Currency, g.Key.PartyId, Debit = g.Sum(l => l.Debit), Credit = g.Sum(l => l.Credit), Amount = g.Sum(l => l.Amount) })
            .ToListAsync(ct);
        var expected = sums
            .GroupBy(s => (s.CompanyId, s.AccountId, Period: s.Year * 100 + s.Month, Currency: s.Currency.Value,
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
        return violations;
    }
}
