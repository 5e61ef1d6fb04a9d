using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Periods;

public sealed record PeriodDto(Guid Id, int FiscalYear, int Number, DateOnly StartDate, DateOnly EndDate, string Status, long Version);

public sealed record FiscalYearInput(int Year, int StartMonth = 1);

/// <summary>Opens fiscal years (twelve monthly periods) and moves periods between open, closed and locked.</summary>
internal sealed class PeriodsHandler(AccountingDb db, DbSession session)
{
    public async Task<IReadOnlyList<PeriodDto>> ListAsync(int? year, CancellationToken ct) =>
        (await db.Periods.AsNoTracking().Where(p => year == null || p.FiscalYear == year).OrderBy(p => p.StartDate).ToListAsync(ct))
            .Select(ToDto).ToList();

    internal static PeriodDto ToDto(FiscalPeriod p) =>
        new(p.Id, p.FiscalYear, p.Number, p.StartDate, p.EndDate, p.Status.ToString().ToLowerInvariant(), p.Version);

    public async Task<Result<IReadOnlyList<PeriodDto>>> OpenYearAsync(FiscalYearInput input, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .When(input.Year is < 1900 or > 2999, "year", "A year between 1900 and 2999.")
            .When(input.StartMonth is < 1 or > 12, "startMonth", "A month from 1 to 12.");
        if (errors.Any)
            return errors.ToError();
        var periods = FiscalPeriod.YearOf(input.Year, input.StartMonth);
        var first = periods[0].StartDate;
        var last = periods[^1].EndDate;
        if (await db.Periods.AnyAsync(p => p.FiscalYear == input.Year || (p.StartDate <= last && p.EndDate >= first), ct))
            return Error.Conflict("fiscal_year_exists", $"Fiscal year {input.Year} or a period overlapping it already exists.");
        await using var unit = await session.BeginAsync(ct);
        db.Periods.AddRange(periods);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return Result<IReadOnlyList<PeriodDto>>.Success(await ListAsync(input.Year, ct));
    }

    public async Task<Result<PeriodDto>> ChangeAsync(Guid id, Action<FiscalPeriod> change, CancellationToken ct)
    {
        var period = await db.Periods.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (period is null)
            return Error.NotFound("Period");
        try
        {
            change(period);
        }
        catch (BusinessRuleException refused)
        {
            return refused.Error;
        }
        await db.SaveChangesAsync(ct);
        return ToDto(period);
    }
}

internal static class PeriodEndpoints
{
    public static void Map(IEndpointRouteBuilder accounting)
    {
        accounting.MapPost("/fiscal-years", async (FiscalYearInput input, PeriodsHandler handler, CancellationToken ct) =>
                (await handler.OpenYearAsync(input, ct)).ToHttp(periods => Results.Created($"/api/v1/accounting/periods?year={input.Year}", periods)))
            .RequireAuthorization(AccountingPermissions.Close)
            .WithName("OpenFiscalYear")
            .WithSummary("Open a fiscal year of twelve monthly periods");

        accounting.MapGet("/periods", async (int? year, PeriodsHandler handler, CancellationToken ct) =>
                Results.Ok(await handler.ListAsync(year, ct)))
            .RequireAuthorization(AccountingPermissions.Read)
            .WithName("ListPeriods")
            .WithSummary("Fiscal periods in date order, optionally of one fiscal year");

        accounting.MapPost("/periods/{id:guid}/close", async (Guid id, PeriodsHandler handler, CancellationToken ct) =>
                (await handler.ChangeAsync(id, p => p.Close(), ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Close)
            .WithName("ClosePeriod")
            .WithSummary("Close an open period: nothing more posts into it");

        accounting.MapPost("/periods/{id:guid}/reopen", async (Guid id, PeriodsHandler handler, CancellationToken ct) =>
                (await handler.ChangeAsync(id, p => p.Reopen(), ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Close)
            .WithName("ReopenPeriod")
            .WithSummary("Reopen a closed (not locked) period");

        accounting.MapPost("/periods/{id:guid}/lock", async (Guid id, PeriodsHandler handler, CancellationToken ct) =>
                (await handler.ChangeAsync(id, p => p.Lock(), ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Close)
            .WithName("LockPeriod")
            .WithSummary("Lock a period for good");
    }
}
