using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Inventory.Contracts;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;
using Tandem.Inventory.Features.Moves;
using Tandem.Platform.Api;
using Tandem.Platform.Numbering;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Features.Counts;

internal sealed record OpenCountInput(Guid LocationId);

internal sealed record CountEntry(Guid ProductId, string? Lot, decimal Counted);

internal sealed record CountEntriesInput(IReadOnlyList<CountEntry> Lines);

internal sealed record CountLineDto(Guid Id, Guid ProductId, Guid? LotId, string? Lot, decimal Expected, decimal? Counted, decimal? Variance);

internal sealed record CountDto(Guid Id, string Number, Guid LocationId, string Location, CountStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PostedAt,
    IReadOnlyList<CountLineDto> Lines, IReadOnlyList<string> Adjustments);

/// <summary>Count sheets: opened with what the location holds, counted, and posted as adjustment moves for the differences.</summary>
internal sealed class CountHandler(InventoryDb db, DbSession session, DocumentNumbers numbers, MoveHandler moves, TimeProvider clock)
{
    public const string Sequence = "stock-count";
    public static readonly DocumentNumberFormat NumberFormat = new(Sequence, "CNT", Yearly: false);

    public async Task<IReadOnlyList<CountDto>> ListAsync(CancellationToken ct)
    {
        var ids = await db.Counts.AsNoTracking().OrderByDescending(c => c.CreatedAt).Select(c => c.Id).Take(200).ToListAsync(ct);
        var list = new List<CountDto>();
        foreach (var id in ids)
            list.Add((await GetAsync(id, ct)).Value);
        return list;
    }

    public async Task<Result<CountDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var sheet = await db.Counts.AsNoTracking().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (sheet is null)
            return Error.NotFound("Count");
        var location = await db.Locations.AsNoTracking().Where(l => l.Id == sheet.LocationId).Select(l => l.Path).SingleAsync(ct);
        var lotIds = sheet.Lines.Where(l => l.LotId is not null).Select(l => l.LotId!.Value).ToList();
        var lots = await db.Lots.AsNoTracking().Where(l => lotIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Number, ct);
        var reference = sheet.Number;
        var adjustments = await db.Moves.AsNoTracking().Where(m => m.Reference == reference && m.Kind == MoveKind.Adjustment).OrderBy(m => m.Number).Select(m => m.Number).ToListAsync(ct);
        return new CountDto(sheet.Id, sheet.Number, sheet.LocationId, location, sheet.Status, sheet.CreatedAt, sheet.PostedAt,
            sheet.Lines.OrderBy(l => l.ProductId).ThenBy(l => l.LotId).Select(l => new CountLineDto(l.Id, l.ProductId, l.LotId,
                l.LotId is { } lot ? lots.GetValueOrDefault(lot) : null, l.Expected, l.Counted, l.Counted - l.Expected)).ToList(),
            adjustments);
    }

    public async Task<Result<CountDto>> OpenAsync(OpenCountInput input, CancellationToken ct)
    {
        var location = await db.Locations.AsNoTracking().SingleOrDefaultAsync(l => l.Id == input.LocationId, ct);
        if (location is null)
            return Error.NotFound("Location");
        if (!location.IsInternal)
            return new Error("location_not_internal", $"{location.Path} holds no stock to count.");
        await using var unit = await session.BeginAsync(ct);
        var quants = await db.Quants.AsNoTracking().Where(q => q.LocationId == location.Id && q.Quantity != 0)
            .OrderBy(q => q.ProductId).ThenBy(q => q.LotId)
            .Select(q => new { q.ProductId, q.LotId, q.Quantity }).ToListAsync(ct);
        var number = await numbers.NextAsync(NumberFormat, 0, ct);
        var sheet = CountSheet.Open(number, location.Id,
            quants.Select(q => (q.ProductId, q.LotId == Guid.Empty ? (Guid?)null : q.LotId, q.Quantity)), clock.GetUtcNow());
        db.Counts.Add(sheet);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await GetAsync(sheet.Id, ct);
    }

    public async Task<Result<CountDto>> EnterAsync(Guid id, CountEntriesInput input, CancellationToken ct)
    {
        if (input.Lines is null || input.Lines.Count is 0 or > 10_000)
            return Error.Validation("lines", "Between 1 and 10,000 lines.");
        await using var unit = await session.BeginAsync(ct);
        var sheet = await db.Counts.Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (sheet is null)
            return Error.NotFound("Count");
        foreach (var (entry, i) in input.Lines.Select((e, i) => (e, i)))
        {
            if (entry.Counted < 0 || decimal.Round(entry.Counted, 4) != entry.Counted)
                return Error.Validation($"lines[{i}].counted", "Zero or more, at most 4 decimals.");
            Guid? lotId = null;
            if (!string.IsNullOrWhiteSpace(entry.Lot))
            {
                var number = entry.Lot.Trim();
                lotId = await db.Lots.Where(l => l.ProductId == entry.ProductId && l.Number == number).Select(l => (Guid?)l.Id).SingleOrDefaultAsync(ct);
                if (lotId is null)
                    return new Error("lot_unknown", $"There is no lot {number} of this product.") { Fields = new Dictionary<string, string[]> { [$"lines[{i}].lot"] = ["Unknown lot."] } };
            }
            sheet.Enter(entry.ProductId, lotId, entry.Counted);
        }
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Posts each variance as a done adjustment move (gains valued at the current average cost), all or nothing.</summary>
    public async Task<Result<CountDto>> PostAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var sheet = await db.Counts.Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (sheet is null)
            return Error.NotFound("Count");
        var variances = sheet.Variances();
        sheet.MarkPosted(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        foreach (var (line, variance) in variances.OrderBy(v => v.Line.ProductId).ThenBy(v => v.Line.LotId))
        {
            string? lot = line.LotId is { } lotId ? await db.Lots.Where(l => l.Id == lotId).Select(l => l.Number).SingleAsync(ct) : null;
            var created = await moves.CreateAsync(new MoveInput(
                "adjustment", line.ProductId, Math.Abs(variance),
                FromLocationId: variance < 0 ? sheet.LocationId : null, ToLocationId: variance > 0 ? sheet.LocationId : null,
                Reference: sheet.Number, Done: true, Lines: lot is null ? null : [new MoveLineInput(Lot: lot, Quantity: Math.Abs(variance))]), ct);
            if (!created.IsSuccess)
                return created.Error!;
        }
        await unit.CommitAsync(ct);
        return await GetAsync(id, ct);
    }
}

internal static class CountEndpoints
{
    public static void Map(IEndpointRouteBuilder inventory)
    {
        var counts = inventory.MapGroup("/counts");
        counts.MapGet("/", async (CountHandler handler, CancellationToken ct) => Results.Ok(await handler.ListAsync(ct)))
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("ListCounts")
            .WithSummary("The latest count sheets");
        counts.MapGet("/{id:guid}", async (Guid id, CountHandler handler, CancellationToken ct) => (await handler.GetAsync(id, ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("GetCount")
            .WithSummary("A count sheet with expected, counted and variance per product and lot");
        counts.MapPost("/", async (OpenCountInput input, CountHandler handler, CancellationToken ct) =>
                (await handler.OpenAsync(input, ct)).ToHttp(c => Results.Created($"/api/v1/inventory/counts/{c.Id}", c)))
            .RequireAuthorization(InventoryPermissions.Operate)
            .WithName("OpenCount")
            .WithSummary("Open a count sheet for a location with what it holds now");
        counts.MapPut("/{id:guid}/lines", async (Guid id, CountEntriesInput input, CountHandler handler, CancellationToken ct) =>
                (await handler.EnterAsync(id, input, ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Operate)
            .WithName("EnterCounts")
            .WithSummary("Enter counted quantities per product (and lot)");
        counts.MapPost("/{id:guid}/post", async (Guid id, CountHandler handler, CancellationToken ct) => (await handler.PostAsync(id, ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Operate)
            .WithName("PostCount")
            .WithSummary("Post the variances as adjustment moves; count_incomplete while a line is not counted");
    }
}
