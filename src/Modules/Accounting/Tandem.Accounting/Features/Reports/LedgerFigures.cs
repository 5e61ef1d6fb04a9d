using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;

namespace Tandem.Accounting.Features.Reports;

/// <summary>Debits and credits of one account over a range, in the company currency.</summary>
internal readonly record struct Movement(decimal Debit, decimal Credit)
{
    public decimal Net => Debit - Credit;

    public static Movement operator +(Movement a, Movement b) => new(a.Debit + b.Debit, a.Credit + b.Credit);
}

/// <summary>
/// Sums the ledger per account over any date range. Whole months come from the balance rows; only the
/// days of a partly covered first or last month are summed from the journal lines, so a year's figures read
/// a few hundred balance rows however many lines were posted.
/// </summary>
internal sealed class LedgerFigures(AccountingDb db)
{
    public async Task<Dictionary<Guid, Movement>> MovementAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Movement>();
        if (from > to)
            return result;
        var fullStart = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var fullEnd = to == DateOnly.MaxValue || to.AddDays(1).Day == 1 ? to : new DateOnly(to.Year, to.Month, 1).AddDays(-1);
        if (fullStart > fullEnd)
        {
            await AddLinesAsync(result, from, to, ct);
            return result;
        }
        var companyId = db.CompanyId;
        var firstPeriod = AccountBalance.PeriodOf(fullStart);
        var lastPeriod = AccountBalance.PeriodOf(fullEnd);
        var balances = await db.Balances.AsNoTracking()
            .Where(b => b.CompanyId == companyId && b.Period >= firstPeriod && b.Period <= lastPeriod)
            .GroupBy(b => b.AccountId)
            .Select(g => new { AccountId = g.Key, Debit = g.Sum(b => b.Debit), Credit = g.Sum(b => b.Credit) })
            .ToListAsync(ct);
        foreach (var row in balances)
            Add(result, row.AccountId, new Movement(row.Debit, row.Credit));
        if (from < fullStart)
            await AddLinesAsync(result, from, fullStart.AddDays(-1), ct);
        if (fullEnd < to)
            await AddLinesAsync(result, fullEnd.AddDays(1), to, ct);
        return result;
    }

    /// <summary>Everything posted up to and including the date (a year-end closing entry of the date's month excluded).</summary>
    public Task<Dictionary<Guid, Movement>> ClosingAsync(DateOnly date, CancellationToken ct) => MovementAsync(DateOnly.MinValue, date, ct);

    /// <summary>Everything posted before the date, closing entries of earlier years included: the opening balances.</summary>
    public async Task<Dictionary<Guid, Movement>> OpeningAsync(DateOnly date, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Movement>();
        var companyId = db.CompanyId;
        var month = AccountBalance.PeriodOf(date);
        var balances = await db.Balances.AsNoTracking()
            .Where(b => b.CompanyId == companyId && b.Period < month)
            .GroupBy(b => b.AccountId)
            .Select(g => new { AccountId = g.Key, Debit = g.Sum(b => b.Debit), Credit = g.Sum(b => b.Credit) })
            .ToListAsync(ct);
        foreach (var row in balances)
            Add(result, row.AccountId, new Movement(row.Debit, row.Credit));
        if (date.Day > 1)
            await AddLinesAsync(result, new DateOnly(date.Year, date.Month, 1), date.AddDays(-1), ct);
        return result;
    }

    private async Task AddLinesAsync(Dictionary<Guid, Movement> result, DateOnly from, DateOnly to, CancellationToken ct)
    {
        // Only called within one month or for a month's days; closing entries sit in their own period and stay out.
        var periods = new[] { AccountBalance.PeriodOf(from), AccountBalance.PeriodOf(to) };
        var lines = await db.Lines.AsNoTracking().Where(l => l.IsPosted && l.Date >= from && l.Date <= to && periods.Contains(l.Period))
            .GroupBy(l => l.AccountId)
            .Select(g => new { AccountId = g.Key, Debit = g.Sum(l => l.Debit), Credit = g.Sum(l => l.Credit) })
            .ToListAsync(ct);
        foreach (var row in lines)
            Add(result, row.AccountId, new Movement(row.Debit, row.Credit));
    }

    private static void Add(Dictionary<Guid, Movement> result, Guid accountId, Movement movement) =>
        result[accountId] = result.GetValueOrDefault(accountId) + movement;
}
