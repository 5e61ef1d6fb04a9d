using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Ledger;
using Tandem.Parties.Contracts;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Receivables;

public sealed record OpenItemDto(
    Guid Id, string DocumentNumber, Guid? InvoiceId, Guid? PaymentId, int Instalment, bool IsReceivable, DateOnly Date, DateOnly DueDate,
    Money Amount, Money Open, Money OpenCompany);

public sealed record PartyBalanceDto(Guid PartyId, Money Receivable, Money Payable, Money? CreditLimit, Money? Available);

public sealed record StatementLineDto(DateOnly Date, string? EntryNumber, string Description, Money Debit, Money Credit, Money Balance);

public sealed record StatementDto(Guid PartyId, string? PartyName, DateOnly From, DateOnly To, Money Opening, IReadOnlyList<StatementLineDto> Lines, Money Closing);

public sealed record AgedRowDto(Guid PartyId, string? PartyName, Money NotDue, Money Days1To30, Money Days31To60, Money Days61To90, Money Over90, Money Total);

public sealed record AgedReportDto(DateOnly Date, bool Receivables, IReadOnlyList<AgedRowDto> Rows, AgedRowDto Totals);

public sealed record CreditLimitInput(Money? Limit);

/// <summary>A customer with a credit limit: what it owes now, the limit, and what is left (negative when over).</summary>
public sealed record CreditRowDto(Guid PartyId, string? PartyName, Money Open, Money Limit, Money Available);

public sealed record SettingsDto(Money WriteOffTolerance, Guid? WriteOffAccountId);

public sealed record SettingsInput(Money WriteOffTolerance, Guid? WriteOffAccountId);

/// <summary>What parties owe and are owed: open items, balances, statements, ageing and credit limits.</summary>
internal sealed class ReceivablesQuery(AccountingDb db, CompanyCurrency currency, IPartiesModule parties)
{
    public async Task<IReadOnlyList<OpenItemDto>> OpenItemsAsync(Guid? partyId, bool? receivable, bool openOnly, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var query = db.OpenItems.AsNoTracking();
        if (partyId is { } p)
            query = query.Where(o => o.PartyId == p);
        if (receivable is { } r)
            query = query.Where(o => o.IsReceivable == r);
        if (openOnly)
            query = query.Where(o => o.OpenAmount != 0);
        var items = await query.OrderBy(o => o.DueDate).ThenBy(o => o.DocumentNumber).ThenBy(o => o.Instalment).Take(1000).ToListAsync(ct);
        return items.Select(o => new OpenItemDto(o.Id, o.DocumentNumber, o.InvoiceId, o.PaymentId, o.Instalment, o.IsReceivable, o.Date, o.DueDate,
            new Money(o.Amount, o.Currency), new Money(o.OpenAmount, o.Currency), new Money(o.OpenCompanyAmount, company))).ToList();
    }

    public async Task<PartyBalanceDto> BalanceAsync(Guid partyId, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var sums = await db.OpenItems.AsNoTracking().Where(o => o.PartyId == partyId && o.OpenAmount != 0)
            .GroupBy(o => o.IsReceivable).Select(g => new { Receivable = g.Key, Open = g.Sum(o => o.OpenCompanyAmount) }).ToListAsync(ct);
        var receivable = sums.Where(s => s.Receivable).Sum(s => s.Open);
        var payable = -sums.Where(s => !s.Receivable).Sum(s => s.Open);
        var limit = await db.CreditLimits.AsNoTracking().Where(l => l.PartyId == partyId).Select(l => (decimal?)l.Limit).SingleOrDefaultAsync(ct);
        return new PartyBalanceDto(partyId, new Money(receivable, company), new Money(payable, company),
            limit is { } l ? new Money(l, company) : null, limit is { } l2 ? new Money(l2 - receivable, company) : null);
    }

    /// <summary>
    /// Every customer with a credit limit and its open receivables (summed in SQL for those customers only), the ones
    /// with the least credit left first.
    /// </summary>
    public async Task<IReadOnlyList<CreditRowDto>> CreditListAsync(CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var open = db.OpenItems.Where(o => o.IsReceivable && o.OpenAmount != 0)
            .GroupBy(o => o.PartyId)
            .Select(g => new { PartyId = (Guid?)g.Key, Open = (decimal?)g.Sum(o => o.OpenCompanyAmount) });
        var rows = await (
                from l in db.CreditLimits.AsNoTracking()
                join o in open on (Guid?)l.PartyId equals o.PartyId into owed
                from o in owed.DefaultIfEmpty()
                select new { l.PartyId, l.Limit, Open = o.Open ?? 0m })
            .Take(5000).ToListAsync(ct);
        var names = (await parties.FindManyAsync(rows.Select(r => r.PartyId).ToList(), ct)).ToDictionary(p => p.Id, p => p.Name);
        return rows.Select(r => new CreditRowDto(r.PartyId, names.GetValueOrDefault(r.PartyId), new Money(r.Open, company), new Money(r.Limit, company), new Money(r.Limit - r.Open, company)))
            .OrderBy(r => r.Available.Amount).ThenBy(r => r.PartyName ?? "", StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<StatementDto> StatementAsync(Guid partyId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var control = db.Accounts.Where(a => a.Role == ControlRole.Receivable || a.Role == ControlRole.Payable).Select(a => a.Id);
        var partyLines = db.Lines.AsNoTracking().Where(l => l.IsPosted && l.PartyId == partyId && control.Contains(l.AccountId));
        var opening = await partyLines.Where(l => l.Date < from).SumAsync(l => l.Debit - l.Credit, ct);
        var lines = await partyLines.Where(l => l.Date >= from && l.Date <= to)
            .Join(db.Entries, l => l.EntryId, e => e.Id, (l, e) => new { l.Date, e.Number, e.Description, l.Debit, l.Credit, l.LineNumber })
            .OrderBy(x => x.Date).ThenBy(x => x.Number).ThenBy(x => x.LineNumber).Take(5000).ToListAsync(ct);
        var running = opening;
        var rows = lines.Select(x =>
        {
            running += x.Debit - x.Credit;
            return new StatementLineDto(x.Date, x.Number, x.Description, new Money(x.Debit, company), new Money(x.Credit, company), new Money(running, company));
        }).ToList();
        var party = await parties.FindAsync(partyId, ct);
        return new StatementDto(partyId, party?.Name, from, to, new Money(opening, company), rows, new Money(running, company));
    }

    /// <summary>
    /// Open items by party in ageing buckets of days past due at the date, summed in SQL so a million items stay quick.
    /// An item counts if it was posted by the date, with what was open that day: today's open amount plus the
    /// settlements and revaluations dated after it (few for a recent date). Payables show as positive amounts owed.
    /// </summary>
    public async Task<AgedReportDto> AgedAsync(bool receivables, DateOnly date, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var d30 = date.AddDays(-30);
        var d60 = date.AddDays(-60);
        var d90 = date.AddDays(-90);
        var later = db.OpenItemChanges.Where(c => c.Date > date)
            .GroupBy(c => c.OpenItemId)
            .Select(g => new { OpenItemId = (Guid?)g.Key, CompanyAmount = (decimal?)g.Sum(c => c.CompanyAmount) });
        var items =
            from o in db.OpenItems.AsNoTracking().Where(o => o.IsReceivable == receivables && o.Date <= date)
            join c in later on (Guid?)o.Id equals c.OpenItemId into changed
            from c in changed.DefaultIfEmpty()
            where o.OpenAmount != 0 || c.OpenItemId != null
            select new { o.PartyId, o.DueDate, Open = o.OpenCompanyAmount + (c.CompanyAmount ?? 0m) };
        var rows = await items
            .GroupBy(o => o.PartyId)
            .Select(g => new
            {
                PartyId = g.Key,
                NotDue = g.Sum(o => o.DueDate >= date ? o.Open : 0m),
                D30 = g.Sum(o => o.DueDate < date && o.DueDate >= d30 ? o.Open : 0m),
                D60 = g.Sum(o => o.DueDate < d30 && o.DueDate >= d60 ? o.Open : 0m),
                D90 = g.Sum(o => o.DueDate < d60 && o.DueDate >= d90 ? o.Open : 0m),
                Over = g.Sum(o => o.DueDate < d90 ? o.Open : 0m),
            })
            .ToListAsync(ct);
        var sign = receivables ? 1m : -1m;
        var names = (await parties.FindManyAsync(rows.Select(r => r.PartyId).Take(5000).ToList(), ct)).ToDictionary(p => p.Id, p => p.Name);
        Money M(decimal v) => new(sign * v, company);
        var result = rows.Select(r => new AgedRowDto(r.PartyId, names.GetValueOrDefault(r.PartyId), M(r.NotDue), M(r.D30), M(r.D60), M(r.D90), M(r.Over),
                M(r.NotDue + r.D30 + r.D60 + r.D90 + r.Over)))
            .OrderBy(r => r.PartyName ?? "", StringComparer.OrdinalIgnoreCase).ToList();
        var totals = new AgedRowDto(Guid.Empty, "Total", M(rows.Sum(r => r.NotDue)), M(rows.Sum(r => r.D30)), M(rows.Sum(r => r.D60)), M(rows.Sum(r => r.D90)),
            M(rows.Sum(r => r.Over)), M(rows.Sum(r => r.NotDue + r.D30 + r.D60 + r.D90 + r.Over)));
        return new AgedReportDto(date, receivables, result, totals);
    }
}

internal sealed class ReceivablesHandler(AccountingDb db, CompanyCurrency currency, IPartiesModule parties, ReceivablesQuery query)
{
    public async Task<Result<PartyBalanceDto>> SetCreditLimitAsync(Guid partyId, CreditLimitInput input, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        if (input.Limit is { } limit && (limit.Currency != company || limit.Amount < 0))
            return Error.Validation("limit", $"Zero or more, in the company currency {company}.");
        if (await parties.FindAsync(partyId, ct) is null)
            return new Error("party_unknown", $"No party {partyId} in this company.");
        var existing = await db.CreditLimits.SingleOrDefaultAsync(l => l.PartyId == partyId, ct);
        if (input.Limit is null)
        {
            if (existing is not null)
                db.CreditLimits.Remove(existing);
        }
        else if (existing is null)
        {
            db.CreditLimits.Add(CreditLimit.For(partyId, input.Limit.Value.Amount));
        }
        else
        {
            existing.Change(input.Limit.Value.Amount);
        }
        await db.SaveChangesAsync(ct);
        return await query.BalanceAsync(partyId, ct);
    }

    public async Task<SettingsDto> SettingsAsync(CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? LedgerSettings.Defaults();
        return new SettingsDto(new Money(settings.WriteOffTolerance, company), settings.WriteOffAccountId);
    }

    public async Task<Result<SettingsDto>> ChangeSettingsAsync(SettingsInput input, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        if (input.WriteOffTolerance.Currency != company || input.WriteOffTolerance.Amount < 0 || input.WriteOffTolerance.Amount > 1_000_000m)
            return Error.Validation("writeOffTolerance", $"Zero or more, in the company currency {company}.");
        if (input.WriteOffAccountId is { } id && !await db.Accounts.AnyAsync(a => a.Id == id && a.Role == ControlRole.None, ct))
            return Error.Validation("writeOffAccountId", "An account that is not a control account.");
        var settings = await db.Settings.FirstOrDefaultAsync(ct);
        if (settings is null)
            db.Settings.Add(settings = LedgerSettings.Defaults());
        settings.Change(input.WriteOffTolerance.Amount, input.WriteOffAccountId);
        await db.SaveChangesAsync(ct);
        return new SettingsDto(new Money(settings.WriteOffTolerance, company), settings.WriteOffAccountId);
    }
}

internal static class ReceivablesEndpoints
{
    public static void Map(IEndpointRouteBuilder accounting)
    {
        accounting.MapGet("/open-items", async (Guid? partyId, string? side, bool? openOnly, ReceivablesQuery query, CancellationToken ct) =>
            {
                bool? receivable = side?.ToLowerInvariant() switch { null or "" => null, "receivable" => true, "payable" => false, _ => (bool?)null };
                if (side is { Length: > 0 } && receivable is null)
                    return Problems.From(Error.Validation("side", "receivable or payable."));
                return Results.Ok(await query.OpenItemsAsync(partyId, receivable, openOnly ?? true, ct));
            })
            .RequireAuthorization(AccountingPermissions.Read).WithName("ListOpenItems").WithSummary("Open items (instalments and payments on account), oldest due first");
        accounting.MapGet("/parties/{partyId:guid}/balance", async (Guid partyId, ReceivablesQuery query, CancellationToken ct) => Results.Ok(await query.BalanceAsync(partyId, ct)))
            .RequireAuthorization(AccountingPermissions.Read).WithName("PartyBalance").WithSummary("What the party owes and is owed, and its credit limit");
        accounting.MapGet("/parties/{partyId:guid}/statement", async (Guid partyId, DateOnly? from, DateOnly? to, ReceivablesQuery query, TimeProvider clock, CancellationToken ct) =>
            {
                var range = Reports.ReportRange.Read(from, to, null, null, null, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
                return range.IsSuccess ? Results.Ok(await query.StatementAsync(partyId, range.Value.From, range.Value.To, ct)) : Problems.From(range.Error!);
            })
            .RequireAuthorization(AccountingPermissions.Read).WithName("PartyStatement").WithSummary("The party's receivable and payable movements with running balance");
        accounting.MapPut("/parties/{partyId:guid}/credit-limit", async (Guid partyId, CreditLimitInput input, ReceivablesHandler handler, CancellationToken ct) =>
                (await handler.SetCreditLimitAsync(partyId, input, ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Manage).WithName("SetCreditLimit").WithSummary("Set (or with null remove) a customer's credit limit");
        accounting.MapGet("/credit-limits", async (ReceivablesQuery query, CancellationToken ct) => Results.Ok(await query.CreditListAsync(ct)))
            .RequireAuthorization(AccountingPermissions.Read).WithName("ListCreditLimits").WithSummary("Customers with a credit limit: open receivables, limit and credit available, least available first");
        accounting.MapGet("/settings", async (ReceivablesHandler handler, CancellationToken ct) => Results.Ok(await handler.SettingsAsync(ct)))
            .RequireAuthorization(AccountingPermissions.Read).WithName("LedgerSettings").WithSummary("Write-off tolerance and account");
        accounting.MapPut("/settings", async (SettingsInput input, ReceivablesHandler handler, CancellationToken ct) => (await handler.ChangeSettingsAsync(input, ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Manage).WithName("ChangeLedgerSettings").WithSummary("Change the write-off tolerance and account");
        accounting.MapGet("/reports/aged-receivables", async (DateOnly? date, ReceivablesQuery query, TimeProvider clock, CancellationToken ct) =>
                date?.Year is < 1900 or > 2999
                    ? Problems.From(Error.Validation("date", "A date between 1900 and 2999."))
                    : Results.Ok(await query.AgedAsync(true, date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct)))
            .RequireAuthorization(AccountingPermissions.Read).WithName("AgedReceivables").WithSummary("Open receivables by customer in buckets of days past due");
        accounting.MapGet("/reports/aged-payables", async (DateOnly? date, ReceivablesQuery query, TimeProvider clock, CancellationToken ct) =>
                date?.Year is < 1900 or > 2999
                    ? Problems.From(Error.Validation("date", "A date between 1900 and 2999."))
                    : Results.Ok(await query.AgedAsync(false, date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct)))
            .RequireAuthorization(AccountingPermissions.Read).WithName("AgedPayables").WithSummary("Open payables by supplier in buckets of days past due");
    }
}
