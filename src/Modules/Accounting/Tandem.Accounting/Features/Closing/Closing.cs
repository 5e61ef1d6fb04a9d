using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Features.Reports;
using Tandem.Accounting.Ledger;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Closing;

public sealed record RevaluationInput(DateOnly? Date);

public sealed record ClosingResult(Guid? JournalEntryId, string? EntryNumber, Money Amount);

/// <summary>Period-end work: revaluing open foreign-currency items, and closing a fiscal year into retained earnings.</summary>
internal sealed class ClosingHandler(AccountingDb db, DbSession session, LedgerPosting posting, LedgerFigures figures, CompanyCurrency currency, TimeProvider clock)
{
    /// <summary>
    /// Restates every open foreign-currency item at the rate in force on the date and posts the change against the
    /// exchange difference account; a later payment then realises only the difference from the revalued amount.
    /// </summary>
    public async Task<Result<ClosingResult>> RevalueAsync(RevaluationInput input, CancellationToken ct)
    {
        if (input.Date is not { } date || date.Year is < 1900 or > 2999)
            return Error.Validation("date", "Required, between 1900 and 2999.");
        var company = await currency.GetAsync(ct);
        await using var unit = await session.BeginAsync(ct);
        var items = await db.OpenItems.Where(o => o.OpenAmount != 0 && o.Currency != company && o.Date <= date)
            .OrderBy(o => o.AccountId).ThenBy(o => o.PartyId).ToListAsync(ct);
        var lines = new List<LineDraft>();
        foreach (var group in items.GroupBy(o => o.Currency))
        {
            var rate = await currency.RateAsync(group.Key, date, ct);
            if (!rate.IsSuccess)
                return rate.Error!;
            foreach (var item in group)
            {
                var change = item.Revalue(rate.Value, company, date);
                if (change != 0)
                    lines.Add(new LineDraft(item.AccountId, Math.Max(change, 0m), Math.Max(-change, 0m), item.Currency, 0m, item.PartyId, null, $"Revaluation {item.DocumentNumber}"));
            }
        }
        var total = lines.Sum(l => l.Debit - l.Credit);
        if (lines.Count == 0)
            return new ClosingResult(null, null, new Money(0m, company));
        var exchange = await db.Accounts.Where(a => a.Role == ControlRole.ExchangeDifference && a.IsActive).OrderBy(a => a.Code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (exchange is null)
            return new Error("control_account_missing", "No active exchange difference account in the chart.");
        if (total != 0)
            lines.Add(new LineDraft(exchange.Value, Math.Max(-total, 0m), Math.Max(total, 0m), company, -total, null, null, "Unrealised exchange difference"));
        var entry = JournalEntry.Draft(new EntryHeader(date, $"Revaluation of open items at {date:yyyy-MM-dd}", null), company, lines, clock.GetUtcNow());
        db.Entries.Add(entry);
        if (await posting.PostAsync(entry, ct) is { } refused)
            return refused;
        await unit.CommitAsync(ct);
        return new ClosingResult(entry.Id, entry.Number, new Money(total, company));
    }

    /// <summary>
    /// Moves the year's income and expense balances to retained earnings with a closing entry on the year's last day
    /// (kept in a balance period of its own), then closes every period of the year.
    /// </summary>
    public async Task<Result<ClosingResult>> CloseYearAsync(int year, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        await using var unit = await session.BeginAsync(ct);
        var periods = await db.Periods.Where(p => p.FiscalYear == year).OrderBy(p => p.Number).ToListAsync(ct);
        if (periods.Count == 0)
            return Error.NotFound("Fiscal year");
        var start = periods[0].StartDate;
        var end = periods[^1].EndDate;
        if (await db.Entries.AnyAsync(e => e.IsClosing && e.Date == end && e.Status == EntryStatus.Posted && e.ReversedById == null && e.ReversalOfId == null, ct))
            return Error.Conflict("year_closed", $"Fiscal year {year} is already closed.");
        var retained = await db.Accounts.Where(a => a.Role == ControlRole.RetainedEarnings && a.IsActive).OrderBy(a => a.Code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (retained is null)
            return new Error("control_account_missing", "No active retained earnings account in the chart.");
        var pnl = await db.Accounts.AsNoTracking().Where(a => a.Type == AccountType.Income || a.Type == AccountType.Expense).Select(a => a.Id).ToListAsync(ct);
        var movement = await figures.MovementAsync(start, end, ct);
        var lines = new List<LineDraft>();
        foreach (var id in pnl.Order())
        {
            var net = movement.GetValueOrDefault(id).Net;
            if (net != 0)
                lines.Add(new LineDraft(id, Math.Max(-net, 0m), Math.Max(net, 0m), company, -net, null, null, $"Close {year}"));
        }
        var profit = -lines.Sum(l => l.Debit - l.Credit);
        ClosingResult result = new(null, null, new Money(-profit, company));
        if (lines.Count > 0)
        {
            if (profit != 0)
                lines.Add(new LineDraft(retained.Value, Math.Max(profit, 0m), Math.Max(-profit, 0m), company, profit, null, null, $"Result of {year}"));
            var entry = JournalEntry.Draft(new EntryHeader(end, $"Year-end close {year}", null), company, lines, clock.GetUtcNow(), isClosing: true);
            db.Entries.Add(entry);
            if (await posting.PostAsync(entry, ct) is { } refused)
                return refused;
            result = new ClosingResult(entry.Id, entry.Number, new Money(-profit, company));
        }
        foreach (var period in periods.Where(p => p.Status == PeriodStatus.Open))
            period.Close();
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return result;
    }
}

internal static class ClosingEndpoints
{
    public static void Map(IEndpointRouteBuilder accounting)
    {
        accounting.MapPost("/revaluations", async (RevaluationInput input, ClosingHandler handler, CancellationToken ct) => (await handler.RevalueAsync(input, ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Close).WithName("RevalueOpenItems")
            .WithSummary("Revalue open foreign-currency receivables and payables at the date's rates");
        accounting.MapPost("/fiscal-years/{year:int}/close", async (int year, ClosingHandler handler, CancellationToken ct) => (await handler.CloseYearAsync(year, ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Close).WithName("CloseFiscalYear")
            .WithSummary("Post the year-end closing entry into retained earnings and close the year's periods");
    }
}
