using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Ledger;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Budgets;

/// <summary>A month's budget for an account; <c>Month</c> is <c>yyyy-MM</c>.</summary>
public sealed record BudgetDto(Guid AccountId, string Month, Money Amount);

public sealed record BudgetInput(Guid AccountId, string? Month, Money? Amount);

internal sealed class BudgetsHandler(AccountingDb db, CompanyCurrency currency, DbSession session)
{
    public async Task<IReadOnlyList<BudgetDto>> ListAsync(int year, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var (first, last) = (year * 100 + 1, year * 100 + 12);
        var rows = await db.Budgets.AsNoTracking().Where(b => b.Period >= first && b.Period <= last).OrderBy(b => b.Period).ToListAsync(ct);
        return rows.Select(b => new BudgetDto(b.AccountId, Month(b.Period), new Money(b.Amount, company))).ToList();
    }

    /// <summary>Sets (or with a zero amount keeps at zero) the budget of an account for a month.</summary>
    public async Task<Result<BudgetDto>> SetAsync(BudgetInput input, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var parsed = DateOnly.TryParseExact((input.Month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month);
        var errors = new FieldErrors()
            .When(!parsed || month.Year is < 1900 or > 2999, "month", "A month written yyyy-MM.")
            .When(input.Amount is not { } a || a.Currency != company || Math.Abs(a.Amount) > 1_000_000_000_000m, "amount", $"An amount in the company currency {company}.");
        if (errors.Any)
            return errors.ToError();
        if (!await db.Accounts.AnyAsync(a => a.Id == input.AccountId && (a.Type == AccountType.Income || a.Type == AccountType.Expense), ct))
            return new Error("account_unknown", "Budgets are kept for income and expense accounts of this company.");
        var period = AccountBalance.PeriodOf(month);
        var budget = await db.Budgets.SingleOrDefaultAsync(b => b.AccountId == input.AccountId && b.Period == period, ct);
        if (budget is null)
            db.Budgets.Add(budget = Budget.Plan(input.AccountId, period, input.Amount!.Value.Amount));
        else
            budget.Change(input.Amount!.Value.Amount);
        await db.SaveChangesAsync(ct);
        return new BudgetDto(budget.AccountId, Month(period), new Money(budget.Amount, company));
    }

    /// <summary>Sets several budgets at once (a grid's edited cells): all of them, or none if one is refused.</summary>
    public async Task<Result<int>> SetManyAsync(IReadOnlyList<BudgetInput> inputs, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        foreach (var input in inputs)
        {
            var result = await SetAsync(input, ct);
            if (!result.IsSuccess)
                return result.Error! with { Message = $"{input.Month}: {result.Error!.Message}" };
        }
        await unit.CommitAsync(ct);
        return inputs.Count;
    }

    private static string Month(int period) => $"{period / 100:D4}-{period % 100:D2}";
}

internal static class BudgetEndpoints
{
    public static void Map(IEndpointRouteBuilder accounting)
    {
        accounting.MapGet("/budgets", async (int? year, BudgetsHandler handler, TimeProvider clock, CancellationToken ct) =>
                year is < 1900 or > 2999
                    ? Problems.From(Error.Validation("year", "A year between 1900 and 2999."))
                    : Results.Ok(await handler.ListAsync(year ?? clock.GetUtcNow().Year, ct)))
            .RequireAuthorization(AccountingPermissions.Read).WithName("ListBudgets").WithSummary("The budgets of a year per account and month");
        accounting.MapPut("/budgets", async (BudgetInput input, BudgetsHandler handler, CancellationToken ct) => (await handler.SetAsync(input, ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Manage).WithName("SetBudget").WithSummary("Set an income or expense account's budget for a month");
    }
}
