using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Ledger;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Reports;

/// <summary>The range a report covers and, optionally, the range it is compared with.</summary>
public sealed record ReportRange(DateOnly From, DateOnly To, DateOnly? CompareFrom, DateOnly? CompareTo)
{
    public bool HasComparison => CompareFrom is not null && CompareTo is not null;

    /// <summary>Reads the query: defaults to the calendar year to date; <c>compare=previous</c> takes the range of equal length just before.</summary>
    public static Result<ReportRange> Read(DateOnly? from, DateOnly? to, string? compare, DateOnly? compareFrom, DateOnly? compareTo, DateOnly today)
    {
        var end = to ?? today;
        var start = from ?? new DateOnly(end.Year, 1, 1);
        if (start > end)
            return Error.Validation("from", "On or before 'to'.");
        if (start.Year < 1900 || end.Year > 2999 || compareFrom?.Year < 1900 || compareTo?.Year > 2999)
            return Error.Validation("from", "Dates between 1900 and 2999.");
        if (compareFrom is not null && compareTo is not null)
            return compareFrom > compareTo ? Error.Validation("compareFrom", "On or before 'compareTo'.") : new ReportRange(start, end, compareFrom, compareTo);
        switch (compare?.ToLowerInvariant())
        {
            case null or "" or "none":
                return new ReportRange(start, end, null, null);
            case "previous":
                var days = end.DayNumber - start.DayNumber;
                var previousEnd = start.AddDays(-1);
                // Whole months compare with whole months: March compares with February, not with 31 days back.
                if (start.Day == 1 && end.AddDays(1).Day == 1)
                {
                    var months = (end.Year - start.Year) * 12 + end.Month - start.Month + 1;
                    return new ReportRange(start, end, start.AddMonths(-months), previousEnd);
                }
                return new ReportRange(start, end, previousEnd.AddDays(-days), previousEnd);
            case "previous-year":
                return new ReportRange(start, end, start.AddYears(-1), end.AddYears(-1));
            default:
                return Error.Validation("compare", "none, previous or previous-year.");
        }
    }
}

public sealed record TrialBalanceRow(
    Guid AccountId, string Code, string Name, AccountType Type, Money Opening, Money Debit, Money Credit, Money Closing, Money? Comparison);

public sealed record TrialBalance(
    DateOnly From, DateOnly To, DateOnly? CompareFrom, DateOnly? CompareTo, IReadOnlyList<TrialBalanceRow> Rows,
    Money TotalDebit, Money TotalCredit, bool Balanced);

/// <summary>An account's figure; on the profit and loss also its budget for the months the range touches.</summary>
public sealed record StatementRow(Guid AccountId, string Code, string Name, AccountType Type, Guid? ParentId, Money Amount, Money? Comparison, Money? Budget = null);

public sealed record StatementSection(string Title, IReadOnlyList<StatementRow> Rows, Money Total, Money? ComparisonTotal, Money? BudgetTotal = null);

public sealed record ProfitAndLoss(
    DateOnly From, DateOnly To, DateOnly? CompareFrom, DateOnly? CompareTo, StatementSection Income, StatementSection Expenses,
    Money NetProfit, Money? ComparisonNetProfit, Money BudgetNetProfit);

public sealed record BalanceSheet(
    DateOnly Date, DateOnly? CompareDate, StatementSection Assets, StatementSection Liabilities, StatementSection Equity,
    Money TotalLiabilitiesAndEquity, Money? ComparisonLiabilitiesAndEquity, bool Balanced);

public sealed record LedgerLineRow(
    Guid EntryId, string? EntryNumber, DateOnly Date, string Description, Money Debit, Money Credit, Money Balance, Money Amount, Guid? PartyId, string? Dimension);

public sealed record GeneralLedger(
    Guid AccountId, string Code, string Name, DateOnly From, DateOnly To, Money Opening, IReadOnlyList<LedgerLineRow> Lines,
    Money TotalDebit, Money TotalCredit, Money Closing, bool Truncated);

/// <summary>The financial statements, computed from the balance rows (and, for part months, the lines).</summary>
internal sealed class ReportsQuery(AccountingDb db, LedgerFigures figures, CompanyCurrency company)
{
    public const int MaxLedgerLines = 5000;

    private sealed record AccountRow(Guid Id, string Code, string Name, AccountType Type, Guid? ParentId);

    private async Task<List<AccountRow>> AccountsAsync(CancellationToken ct) =>
        await db.Accounts.AsNoTracking().OrderBy(a => a.Code).Select(a => new AccountRow(a.Id, a.Code, a.Name, a.Type, a.ParentId)).ToListAsync(ct);

    public async Task<TrialBalance> TrialBalanceAsync(ReportRange range, CancellationToken ct)
    {
        var currency = await company.GetAsync(ct);
        var accounts = await AccountsAsync(ct);
        var opening = await figures.OpeningAsync(range.From, ct);
        var movement = await figures.MovementAsync(range.From, range.To, ct);
        var comparison = range.HasComparison ? await figures.MovementAsync(range.CompareFrom!.Value, range.CompareTo!.Value, ct) : null;
        var rows = new List<TrialBalanceRow>();
        foreach (var account in accounts)
        {
            var open = opening.GetValueOrDefault(account.Id);
            var move = movement.GetValueOrDefault(account.Id);
            var compared = comparison?.GetValueOrDefault(account.Id);
            if (open.Net == 0 && move.Debit == 0 && move.Credit == 0 && (compared is null || compared.Value.Net == 0))
                continue;
            rows.Add(new TrialBalanceRow(account.Id, account.Code, account.Name, account.Type,
                new Money(open.Net, currency), new Money(move.Debit, currency), new Money(move.Credit, currency),
                new Money(open.Net + move.Net, currency), compared is { } c ? new Money(c.Net, currency) : null));
        }
        var debit = rows.Sum(r => r.Debit.Amount);
        var credit = rows.Sum(r => r.Credit.Amount);
        return new TrialBalance(range.From, range.To, range.CompareFrom, range.CompareTo, rows,
            new Money(debit, currency), new Money(credit, currency), debit == credit && rows.Sum(r => r.Closing.Amount) == 0);
    }

    public async Task<ProfitAndLoss> ProfitAndLossAsync(ReportRange range, CancellationToken ct)
    {
        var currency = await company.GetAsync(ct);
        var accounts = await AccountsAsync(ct);
        var movement = await figures.MovementAsync(range.From, range.To, ct);
        var comparison = range.HasComparison ? await figures.MovementAsync(range.CompareFrom!.Value, range.CompareTo!.Value, ct) : null;
        var (firstMonth, lastMonth) = (AccountBalance.PeriodOf(range.From), AccountBalance.PeriodOf(range.To));
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.Period >= firstMonth && b.Period <= lastMonth)
            .GroupBy(b => b.AccountId).Select(g => new { AccountId = g.Key, Amount = g.Sum(b => b.Amount) })
            .ToDictionaryAsync(b => b.AccountId, b => b.Amount, ct);
        var income = WithBudget(Section("Income", accounts.Where(a => a.Type == AccountType.Income), movement, comparison, currency, creditNatured: true, budgets.Keys), budgets, currency);
        var expenses = WithBudget(Section("Expenses", accounts.Where(a => a.Type == AccountType.Expense), movement, comparison, currency, creditNatured: false, budgets.Keys), budgets, currency);
        return new ProfitAndLoss(range.From, range.To, range.CompareFrom, range.CompareTo, income, expenses,
            income.Total - expenses.Total,
            comparison is null ? null : income.ComparisonTotal!.Value - expenses.ComparisonTotal!.Value,
            income.BudgetTotal!.Value - expenses.BudgetTotal!.Value);
    }

    public async Task<BalanceSheet> BalanceSheetAsync(DateOnly date, DateOnly? compareDate, CancellationToken ct)
    {
        var currency = await company.GetAsync(ct);
        var accounts = await AccountsAsync(ct);
        var closing = await figures.ClosingAsync(date, ct);
        var comparison = compareDate is { } cd ? await figures.ClosingAsync(cd, ct) : null;
        var assets = Section("Assets", accounts.Where(a => a.Type == AccountType.Asset), closing, comparison, currency, creditNatured: false);
        var liabilities = Section("Liabilities", accounts.Where(a => a.Type == AccountType.Liability), closing, comparison, currency, creditNatured: true);
        var equityRows = Section("Equity", accounts.Where(a => a.Type == AccountType.Equity), closing, comparison, currency, creditNatured: true);
        // Profit not yet moved to retained earnings by a year-end close belongs to the owners too.
        var pnl = accounts.Where(a => a.Type is AccountType.Income or AccountType.Expense).Select(a => a.Id).ToList();
        var earnings = -pnl.Sum(id => closing.GetValueOrDefault(id).Net);
        var comparedEarnings = comparison is null ? (decimal?)null : -pnl.Sum(id => comparison.GetValueOrDefault(id).Net);
        var rows = equityRows.Rows.ToList();
        if (earnings != 0 || (comparedEarnings ?? 0) != 0)
            rows.Add(new StatementRow(Guid.Empty, "", "Unallocated earnings", AccountType.Equity, null, new Money(earnings, currency), comparedEarnings is { } ce ? new Money(ce, currency) : null));
        var equity = new StatementSection("Equity", rows, equityRows.Total + new Money(earnings, currency),
            comparison is null ? null : equityRows.ComparisonTotal!.Value + new Money(comparedEarnings!.Value, currency));
        var liabilitiesAndEquity = liabilities.Total + equity.Total;
        return new BalanceSheet(date, compareDate, assets, liabilities, equity, liabilitiesAndEquity,
            comparison is null ? null : liabilities.ComparisonTotal!.Value + equity.ComparisonTotal!.Value,
            assets.Total == liabilitiesAndEquity);
    }

    public async Task<Result<GeneralLedger>> GeneralLedgerAsync(Guid accountId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var currency = await company.GetAsync(ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new { a.Id, a.Code, a.Name }).SingleOrDefaultAsync(ct);
        if (account is null)
            return Error.NotFound("Account");
        var opening = (await figures.OpeningAsync(from, ct)).GetValueOrDefault(accountId).Net;
        var lines = await db.Lines.AsNoTracking()
            .Where(l => l.AccountId == accountId && l.IsPosted && l.Date >= from && l.Date <= to)
            .Join(db.Entries, l => l.EntryId, e => e.Id, (l, e) => new { Line = l, e.Number, EntryDescription = e.Description })
            .OrderBy(x => x.Line.Date).ThenBy(x => x.Number).ThenBy(x => x.Line.LineNumber)
            .Take(MaxLedgerLines + 1)
            .ToListAsync(ct);
        var truncated = lines.Count > MaxLedgerLines;
        var running = opening;
        var rows = new List<LedgerLineRow>();
        foreach (var x in lines.Take(MaxLedgerLines))
        {
            running += x.Line.Debit - x.Line.Credit;
            rows.Add(new LedgerLineRow(x.Line.EntryId, x.Number, x.Line.Date, x.Line.Description ?? x.EntryDescription,
                new Money(x.Line.Debit, currency), new Money(x.Line.Credit, currency), new Money(running, currency),
                new Money(x.Line.Amount, x.Line.Currency), x.Line.PartyId, x.Line.Dimension));
        }
        var movement = truncated
            ? (await figures.MovementAsync(from, to, ct)).GetValueOrDefault(accountId)
            : new Movement(rows.Sum(r => r.Debit.Amount), rows.Sum(r => r.Credit.Amount));
        return new GeneralLedger(account.Id, account.Code, account.Name, from, to, new Money(opening, currency), rows,
            new Money(movement.Debit, currency), new Money(movement.Credit, currency), new Money(opening + movement.Net, currency), truncated);
    }

    private static StatementSection WithBudget(StatementSection section, Dictionary<Guid, decimal> budgets, CurrencyCode currency)
    {
        var rows = section.Rows.Select(r => r with { Budget = new Money(budgets.GetValueOrDefault(r.AccountId), currency) }).ToList();
        return section with { Rows = rows, BudgetTotal = new Money(rows.Sum(r => r.Budget!.Value.Amount), currency) };
    }

    private static StatementSection Section(
        string title, IEnumerable<AccountRow> accounts, Dictionary<Guid, Movement> figures, Dictionary<Guid, Movement>? comparison,
        CurrencyCode currency, bool creditNatured, IEnumerable<Guid>? alwaysShow = null)
    {
        var shown = alwaysShow?.ToHashSet() ?? [];
        var sign = creditNatured ? -1m : 1m;
        var rows = accounts
            .Select(a => new StatementRow(a.Id, a.Code, a.Name, a.Type, a.ParentId,
                new Money(sign * figures.GetValueOrDefault(a.Id).Net, currency),
                comparison is null ? null : new Money(sign * comparison.GetValueOrDefault(a.Id).Net, currency)))
            .Where(r => r.Amount.Amount != 0 || (r.Comparison?.Amount ?? 0) != 0 || shown.Contains(r.AccountId))
            .ToList();
        return new StatementSection(title, rows, new Money(rows.Sum(r => r.Amount.Amount), currency),
            comparison is null ? null : new Money(rows.Sum(r => r.Comparison!.Value.Amount), currency));
    }
}
