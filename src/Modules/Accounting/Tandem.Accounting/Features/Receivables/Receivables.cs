using System.Runtime.CompilerServices;
using System.Text;
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
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Receivables;

public sealed record OpenItemDto(
    Guid Id, string DocumentNumber, Guid? InvoiceId, Guid? PaymentId, int Instalment, bool IsReceivable, DateOnly Date, DateOnly DueDate,
    Money Amount, Money Open, Money OpenCompany);

public sealed record PartyBalanceDto(Guid PartyId, Money Receivable, Money Payable, Money? CreditLimit, Money? Available);

public sealed record StatementLineDto(DateOnly Date, string? EntryNumber, string Description, Money Debit, Money Credit, Money Balance);

public sealed record StatementDto(Guid PartyId, string? PartyName, DateOnly From, DateOnly To, Money Opening, IReadOnlyList<StatementLineDto> Lines, Money Closing);

public sealed record AgedRowDto(Guid PartyId, string? PartyName, Money NotDue, Money Days1To30, Money Days31To60, Money Days61To90, Money Over90, Money Total);

/// <summary>
/// The aged report at a date: <see cref="Totals"/> over all <see cref="Parties"/> with an open balance, and one page of
/// <see cref="Rows"/>, the largest balance first; <see cref="NextCursor"/> (null on the last page) is the next page's <c>after</c>.
/// </summary>
public sealed record AgedReportDto(DateOnly Date, bool Receivables, int Parties, IReadOnlyList<AgedRowDto> Rows, AgedRowDto Totals, string? NextCursor)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}

public sealed record CreditLimitInput(Money? Limit);

/// <summary>A customer with a credit limit: what it owes now, the limit, and what is left (negative when over).</summary>
public sealed record CreditRowDto(Guid PartyId, string? PartyName, Money Open, Money Limit, Money Available);

/// <summary><see cref="OverdueToleranceDays"/>: days past due before an open receivable counts as overdue for credit checks.</summary>
public sealed record SettingsDto(Money WriteOffTolerance, Guid? WriteOffAccountId, int OverdueToleranceDays);

/// <summary><see cref="OverdueToleranceDays"/> left out keeps the current value.</summary>
public sealed record SettingsInput(Money WriteOffTolerance, Guid? WriteOffAccountId, int? OverdueToleranceDays = null);

/// <summary>What parties owe and are owed: open items, balances, statements, ageing and credit limits.</summary>
internal sealed class ReceivablesQuery(AccountingDb db, DbSession session, CompanyCurrency currency, IPartiesModule parties)
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

    private static readonly bool[] BothSides = [true, false];

    public async Task<PartyBalanceDto> BalanceAsync(Guid partyId, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        // Both sides named, so PostgreSQL reaches the party through the open items' index (which starts with the side)
        // instead of reading every open item of the company.
        var sums = await db.OpenItems.AsNoTracking().Where(o => BothSides.Contains(o.IsReceivable) && o.PartyId == partyId && o.OpenAmount != 0)
            .GroupBy(o => o.IsReceivable).Select(g => new { Receivable = g.Key, Open = g.Sum(o => o.OpenCompanyAmount) }).ToListAsync(ct);
        var receivable = sums.Where(s => s.Receivable).Sum(s => s.Open);
        var payable = -sums.Where(s => !s.Receivable).Sum(s => s.Open);
        var limit = await db.CreditLimits.AsNoTracking().Where(l => l.PartyId == partyId).Select(l => (decimal?)l.Limit).SingleOrDefaultAsync(ct);
        return new PartyBalanceDto(partyId, new Money(receivable, company), new Money(payable, company),
            limit is { } l ? new Money(l, company) : null, limit is { } l2 ? new Money(l2 - receivable, company) : null);
    }

    /// <summary>
    /// The customer's balance against its limit, and what of it is overdue at the date: open receivable items (invoice
    /// instalments, not payments on account or credit notes) due more than the company's overdue tolerance days before it.
    /// </summary>
    public async Task<CreditPosition> CreditPositionAsync(Guid partyId, DateOnly date, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var tolerance = await db.Settings.AsNoTracking().Select(s => (int?)s.OverdueToleranceDays).FirstOrDefaultAsync(ct) ?? 0;
        var dueBefore = date.AddDays(-tolerance);
        // One pass over the customer's open receivable items, the rows the partial index ix_open_item_open holds on PostgreSQL.
        var sums = await db.OpenItems.AsNoTracking()
            .Where(o => o.PartyId == partyId && o.IsReceivable && o.OpenAmount != 0)
            .GroupBy(o => o.PartyId)
            .Select(g => new
            {
                Open = g.Sum(o => o.OpenCompanyAmount),
                Overdue = g.Sum(o => o.OpenCompanyAmount > 0 && o.DueDate < dueBefore ? o.OpenCompanyAmount : 0m),
            })
            .SingleOrDefaultAsync(ct);
        var limit = await db.CreditLimits.AsNoTracking().Where(l => l.PartyId == partyId).Select(l => (decimal?)l.Limit).SingleOrDefaultAsync(ct);
        var open = sums?.Open ?? 0m;
        return new CreditPosition(partyId, new Money(open, company), limit is { } l ? new Money(l, company) : null, limit is { } l2 ? new Money(l2 - open, company) : null,
            new Money(sums?.Overdue ?? 0m, company), tolerance);
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
    /// Open items by party in ageing buckets of days past due at the date. The totals cover every party; the rows are
    /// one page, the largest balance first. See <see cref="AgedSumsAsync"/> for how a million items stay quick.
    /// </summary>
    public async Task<Result<AgedReportDto>> AgedAsync(bool receivables, DateOnly date, int? limit, string? after, CancellationToken ct)
    {
        var take = limit ?? AgedReportDto.DefaultLimit;
        if (take is < 1 or > AgedReportDto.MaxLimit)
            return Error.Validation("limit", $"Between 1 and {AgedReportDto.MaxLimit}.");
        (decimal Total, Guid PartyId)? cursor = null;
        if (after is { Length: > 0 })
        {
            if (!Cursor.TryRead<decimal>(after, AgedSort, out var total, out var partyId))
                return Error.Validation("after", "Not a cursor this report returned.");
            cursor = (total, partyId);
        }

        var company = await currency.GetAsync(ct);
        var sums = await AgedSumsAsync(receivables, date, ct);
        var sign = receivables ? 1m : -1m;
        Money M(decimal v) => new(sign * v, company);
        var ordered = sums.OrderByDescending(s => s.Total).ThenBy(s => s.PartyId);
        var page = (cursor is { } c
                ? ordered.SkipWhile(s => s.Total > c.Total || (s.Total == c.Total && s.PartyId.CompareTo(c.PartyId) <= 0))
                : ordered)
            .Take(take + 1).ToList();
        var next = page.Count > take ? Cursor.Write(page[take - 1].Total, page[take - 1].PartyId, AgedSort) : null;
        page = page.Take(take).ToList();
        var names = await NamesAsync(page.Select(s => s.PartyId), ct);
        var rows = page.Select(s => Row(s, names.GetValueOrDefault(s.PartyId), M)).ToList();
        var totals = new AgedRowDto(Guid.Empty, "Total", M(sums.Sum(s => s.NotDue)), M(sums.Sum(s => s.D30)), M(sums.Sum(s => s.D60)), M(sums.Sum(s => s.D90)),
            M(sums.Sum(s => s.Over)), M(sums.Sum(s => s.Total)));
        return new AgedReportDto(date, receivables, sums.Count, rows, totals, next);
    }

    /// <summary>Every party's row, largest balance first, with names looked up a block at a time: the export.</summary>
    public async IAsyncEnumerable<AgedRowDto> AgedRowsAsync(bool receivables, DateOnly date, [EnumeratorCancellation] CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        var sign = receivables ? 1m : -1m;
        Money M(decimal v) => new(sign * v, company);
        var sums = (await AgedSumsAsync(receivables, date, ct)).OrderByDescending(s => s.Total).ThenBy(s => s.PartyId).ToList();
        foreach (var block in sums.Chunk(NameBlock))
        {
            var names = await NamesAsync(block.Select(s => s.PartyId), ct);
            foreach (var sum in block)
                yield return Row(sum, names.GetValueOrDefault(sum.PartyId), M);
        }
    }

    private const string AgedSort = "-total";
    private const int NameBlock = 1000;

    /// <summary>
    /// Amounts carry four decimals; PostgreSQL sums them as whole ten-thousandths (bigint), which it adds far faster
    /// than numerics. SQLite sums the decimals themselves.
    /// </summary>
    private const decimal Units = 10_000m;

    private static AgedRowDto Row(AgedSums s, string? name, Func<decimal, Money> money) =>
        new(s.PartyId, name, money(s.NotDue), money(s.D30), money(s.D60), money(s.D90), money(s.Over), money(s.Total));

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> partyIds, CancellationToken ct) =>
        (await parties.FindManyAsync(partyIds.ToList(), ct)).ToDictionary(p => p.Id, p => p.Name);

    /// <summary>
    /// Each party's open amounts in the five buckets at the date, summed in one pass in SQL. What was open that day is
    /// today's open amount of the items posted by then, plus the settlements and revaluations dated after it (few for a
    /// recent date): two row sets added together, so the items read are only the open ones, through a partial index.
    /// On PostgreSQL the pass runs with the memory to hash 100,000 parties, in one process (the planner cannot estimate
    /// the parties of a union, and merging the workers' partial sums cost more than they saved) and without JIT
    /// compilation, which costs more than it saves on a query this simple. Measured in docs/benchmarks.md.
    /// </summary>
    private async Task<List<AgedSums>> AgedSumsAsync(bool receivables, DateOnly date, CancellationToken ct)
    {
        var d30 = date.AddDays(-30);
        var d60 = date.AddDays(-60);
        var d90 = date.AddDays(-90);
        var open = db.OpenItems.AsNoTracking()
            .Where(o => o.IsReceivable == receivables && o.Date <= date && o.OpenAmount != 0)
            .Select(o => new AgedItem { PartyId = o.PartyId, DueDate = o.DueDate, Amount = o.OpenCompanyAmount });
        var settledLater =
            from c in db.OpenItemChanges.AsNoTracking()
            where c.Date > date
            join o in db.OpenItems.AsNoTracking() on c.OpenItemId equals o.Id
            where o.IsReceivable == receivables && o.Date <= date
            select new AgedItem { PartyId = o.PartyId, DueDate = o.DueDate, Amount = c.CompanyAmount };
        var items = open.Concat(settledLater);

        await using var unit = await session.BeginAsync(ct);
        List<AgedSums> sums;
        if (session.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; SET LOCAL max_parallel_workers_per_gather = 0", ct);
            var rows = await items.Select(i => new { i.PartyId, i.DueDate, Units = (long)(i.Amount * Units) })
                .GroupBy(i => i.PartyId)
                .Select(g => new
                {
                    PartyId = g.Key,
                    NotDue = g.Sum(i => i.DueDate >= date ? i.Units : 0L),
                    D30 = g.Sum(i => i.DueDate < date && i.DueDate >= d30 ? i.Units : 0L),
                    D60 = g.Sum(i => i.DueDate < d30 && i.DueDate >= d60 ? i.Units : 0L),
                    D90 = g.Sum(i => i.DueDate < d60 && i.DueDate >= d90 ? i.Units : 0L),
                    Over = g.Sum(i => i.DueDate < d90 ? i.Units : 0L),
                })
                .ToListAsync(ct);
            sums = rows.Select(r => new AgedSums(r.PartyId, r.NotDue / Units, r.D30 / Units, r.D60 / Units, r.D90 / Units, r.Over / Units)).ToList();
        }
        else
        {
            sums = await items
                .GroupBy(i => i.PartyId)
                .Select(g => new AgedSums(
                    g.Key,
                    g.Sum(i => i.DueDate >= date ? i.Amount : 0m),
                    g.Sum(i => i.DueDate < date && i.DueDate >= d30 ? i.Amount : 0m),
                    g.Sum(i => i.DueDate < d30 && i.DueDate >= d60 ? i.Amount : 0m),
                    g.Sum(i => i.DueDate < d60 && i.DueDate >= d90 ? i.Amount : 0m),
                    g.Sum(i => i.DueDate < d90 ? i.Amount : 0m)))
                .ToListAsync(ct);
        }
        await unit.CommitAsync(ct);
        return sums;
    }

    /// <summary>An amount open on a party's item with its due date; set by initialiser, which EF can read through in a union.</summary>
    private sealed class AgedItem
    {
        public Guid PartyId { get; init; }
        public DateOnly DueDate { get; init; }
        public decimal Amount { get; init; }
    }

    private sealed record AgedSums(Guid PartyId, decimal NotDue, decimal D30, decimal D60, decimal D90, decimal Over)
    {
        public decimal Total { get; } = NotDue + D30 + D60 + D90 + Over;
    }
}

internal sealed class ReceivablesHandler(AccountingDb db, CompanyCurrency currency, IPartiesModule parties, ReceivablesQuery query)
{
    public const int MaxOverdueToleranceDays = 365;

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
        return new SettingsDto(new Money(settings.WriteOffTolerance, company), settings.WriteOffAccountId, settings.OverdueToleranceDays);
    }

    public async Task<Result<SettingsDto>> ChangeSettingsAsync(SettingsInput input, CancellationToken ct)
    {
        var company = await currency.GetAsync(ct);
        if (input.WriteOffTolerance.Currency != company || input.WriteOffTolerance.Amount < 0 || input.WriteOffTolerance.Amount > 1_000_000m)
            return Error.Validation("writeOffTolerance", $"Zero or more, in the company currency {company}.");
        if (input.OverdueToleranceDays is < 0 or > MaxOverdueToleranceDays)
            return Error.Validation("overdueToleranceDays", $"From 0 to {MaxOverdueToleranceDays} days.");
        if (input.WriteOffAccountId is { } id && !await db.Accounts.AnyAsync(a => a.Id == id && a.Role == ControlRole.None, ct))
            return Error.Validation("writeOffAccountId", "An account that is not a control account.");
        var settings = await db.Settings.FirstOrDefaultAsync(ct);
        if (settings is null)
            db.Settings.Add(settings = LedgerSettings.Defaults());
        settings.Change(input.WriteOffTolerance.Amount, input.WriteOffAccountId, input.OverdueToleranceDays ?? settings.OverdueToleranceDays);
        await db.SaveChangesAsync(ct);
        return new SettingsDto(new Money(settings.WriteOffTolerance, company), settings.WriteOffAccountId, settings.OverdueToleranceDays);
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
            .RequireAuthorization(AccountingPermissions.Read).WithName("LedgerSettings").WithSummary("Write-off tolerance and account, overdue tolerance in days");
        accounting.MapPut("/settings", async (SettingsInput input, ReceivablesHandler handler, CancellationToken ct) => (await handler.ChangeSettingsAsync(input, ct)).ToHttp())
            .RequireAuthorization(AccountingPermissions.Manage).WithName("ChangeLedgerSettings").WithSummary("Change the write-off tolerance and account and the overdue tolerance in days");
        accounting.MapGet("/reports/aged-receivables", (DateOnly? date, int? limit, string? after, string? format, ReceivablesQuery query, TimeProvider clock, CancellationToken ct) =>
                AgedAsync(true, date, limit, after, format, query, clock, ct))
            .RequireAuthorization(AccountingPermissions.Read).WithName("AgedReceivables")
            .WithSummary("Open receivables by customer in buckets of days past due: totals, and a page of customers with the largest balance first (format=csv or xlsx: every customer)");
        accounting.MapGet("/reports/aged-payables", (DateOnly? date, int? limit, string? after, string? format, ReceivablesQuery query, TimeProvider clock, CancellationToken ct) =>
                AgedAsync(false, date, limit, after, format, query, clock, ct))
            .RequireAuthorization(AccountingPermissions.Read).WithName("AgedPayables")
            .WithSummary("Open payables by supplier in buckets of days past due: totals, and a page of suppliers with the largest balance first (format=csv or xlsx: every supplier)");
    }

    private static async Task<IResult> AgedAsync(bool receivables, DateOnly? date, int? limit, string? after, string? format, ReceivablesQuery query, TimeProvider clock, CancellationToken ct)
    {
        if (date?.Year is < 1900 or > 2999)
            return Problems.From(Error.Validation("date", "A date between 1900 and 2999."));
        var at = date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var name = receivables ? "aged-receivables" : "aged-payables";
        switch (format?.ToLowerInvariant())
        {
            case null or "" or "json":
                return (await query.AgedAsync(receivables, at, limit, after, ct)).ToHttp();
            case "csv":
                return Results.Stream(Csv.Export(AgedHeader, query.AgedRowsAsync(receivables, at, ct), AgedCells, ct), Csv.ContentType, $"{name}.csv");
            case "xlsx":
                var csv = new StringBuilder(Csv.Line(AgedHeader));
                await foreach (var row in query.AgedRowsAsync(receivables, at, ct))
                    csv.Append(Csv.Line(AgedCells(row)));
                return Results.File(Reports.Xlsx.FromCsv(csv.ToString(), name), Reports.Xlsx.ContentType, $"{name}.xlsx");
            default:
                return Problems.From(Error.Validation("format", "json, csv or xlsx."));
        }
    }

    private static readonly string[] AgedHeader = ["party", "partyId", "notDue", "days1To30", "days31To60", "days61To90", "over90", "total"];

    private static IEnumerable<string?> AgedCells(AgedRowDto row) =>
    [
        row.PartyName, row.PartyId.ToString(), Reports.Csv.Amount(row.NotDue), Reports.Csv.Amount(row.Days1To30), Reports.Csv.Amount(row.Days31To60),
        Reports.Csv.Amount(row.Days61To90), Reports.Csv.Amount(row.Over90), Reports.Csv.Amount(row.Total),
    ];
}
