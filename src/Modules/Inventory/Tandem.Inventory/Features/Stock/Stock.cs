using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Inventory.Contracts;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Features.Stock;

internal sealed record StockRow(Guid Id, Guid ProductId, Guid LocationId, string Location, Guid? WarehouseId, Guid? LotId, string? Lot, DateOnly? ExpiryDate, decimal Quantity);

internal sealed record LevelRow(Guid ProductId, Guid? WarehouseId, decimal OnHand, decimal Reserved, decimal Available);

internal sealed record ValuationRow(Guid ProductId, decimal Quantity, Money Value, Money? AverageCost);

internal sealed record ValuationReport(IReadOnlyList<ValuationRow> Rows, decimal TotalQuantity, Money TotalValue);

internal sealed record LotDto(Guid Id, Guid ProductId, string Number, bool IsSerial, DateOnly? ExpiryDate, Guid? SupplierId, Guid? ReceiptMoveId, decimal OnHand);

internal sealed record TraceStep(Guid MoveId, string Number, MoveKind Kind, DateOnly? Date, decimal Quantity, string From, string To, Guid? PartyId, string? Reference, SourceDocument? Source);

internal sealed record LotTrace(LotDto Lot, TraceStep? Origin, IReadOnlyList<TraceStep> Moves, IReadOnlyList<Guid> Customers, IReadOnlyList<TraceStep> Deliveries);

/// <summary>Reads of the stock balances: quants, levels, lots and their trace, and the valuation report.</summary>
internal sealed class StockQueries(InventoryDb db, CompanyMoney money)
{
    internal static readonly SortMap<StockQuant> Sorts = new SortMap<StockQuant>("product")
        .Add("product", q => q.ProductId)
        .Add("quantity", q => q.Quantity);

    public async Task<Result<Page<StockRow>>> StockAsync(Guid? product, Guid? warehouse, Guid? location, Guid? lot, PageRequest page, CancellationToken ct)
    {
        var internalIds = db.Locations.Where(l => l.Kind == LocationKind.Internal).Select(l => l.Id);
        var query = db.Quants.AsNoTracking().Where(q => q.Quantity != 0 && internalIds.Contains(q.LocationId));
        if (product is { } p)
            query = query.Where(q => q.ProductId == p);
        if (warehouse is { } w)
            query = query.Where(q => q.WarehouseId == w);
        if (location is { } l)
            query = query.Where(q => q.LocationId == l);
        if (lot is { } lt)
            query = query.Where(q => q.LotId == lt);
        var locations = db.Locations.AsNoTracking();
        var lots = db.Lots.AsNoTracking();
        return await query.ToPageAsync(page, Sorts, q => new StockRow(
            q.Id, q.ProductId, q.LocationId, locations.Where(x => x.Id == q.LocationId).Select(x => x.Path).First(), q.WarehouseId,
            q.LotId == Guid.Empty ? null : q.LotId,
            lots.Where(x => x.Id == q.LotId).Select(x => x.Number).FirstOrDefault(),
            lots.Where(x => x.Id == q.LotId).Select(x => x.ExpiryDate).FirstOrDefault(),
            q.Quantity), ct);
    }

    /// <summary>On hand, reserved and available over the internal locations, per warehouse (or of one).</summary>
    public async Task<IReadOnlyList<LevelRow>> LevelsAsync(Guid? product, Guid? warehouse, CancellationToken ct)
    {
        var internalIds = db.Locations.Where(l => l.Kind == LocationKind.Internal).Select(l => l.Id);
        var query = db.Levels.AsNoTracking().Where(l => internalIds.Contains(l.LocationId));
        if (product is { } p)
            query = query.Where(l => l.ProductId == p);
        if (warehouse is { } w)
            query = query.Where(l => l.WarehouseId == w);
        var rows = await query.GroupBy(l => new { l.ProductId, l.WarehouseId })
            .Select(g => new { g.Key.ProductId, g.Key.WarehouseId, OnHand = g.Sum(l => l.OnHand), Reserved = g.Sum(l => l.Reserved) })
            .ToListAsync(ct);
        return rows.Select(r => new LevelRow(r.ProductId, r.WarehouseId, r.OnHand, r.Reserved, r.OnHand - r.Reserved)).OrderBy(r => r.ProductId).ToList();
    }

    public async Task<ValuationReport> ValuationAsync(CancellationToken ct)
    {
        var currency = await money.CurrencyAsync(ct);
        var rows = await db.Valuations.AsNoTracking().Where(v => v.Quantity != 0 || v.Value != 0).OrderBy(v => v.ProductId)
            .Select(v => new { v.ProductId, v.Quantity, v.Value }).ToListAsync(ct);
        var totalValue = await db.Valuations.SumAsync(v => v.Value, ct);
        var totalQuantity = await db.Valuations.SumAsync(v => v.Quantity, ct);
        return new ValuationReport(
            rows.Select(r => new ValuationRow(r.ProductId, r.Quantity, new Money(r.Value, currency),
                r.Quantity == 0 ? null : new Money(decimal.Round(r.Value / r.Quantity, 4, MidpointRounding.AwayFromZero), currency))).ToList(),
            totalQuantity, new Money(totalValue, currency));
    }

    public async Task<IReadOnlyList<LotDto>> LotsAsync(Guid? product, string? number, CancellationToken ct)
    {
        var query = db.Lots.AsNoTracking();
        if (product is { } p)
            query = query.Where(l => l.ProductId == p);
        if (!string.IsNullOrWhiteSpace(number))
            query = query.Where(l => l.Number == number.Trim());
        return await Project(query.OrderBy(l => l.Number).Take(500)).ToListAsync(ct);
    }

    public async Task<Result<LotTrace>> TraceAsync(Guid lotId, CancellationToken ct)
    {
        var lot = await Project(db.Lots.AsNoTracking().Where(l => l.Id == lotId)).SingleOrDefaultAsync(ct);
        if (lot is null)
            return Error.NotFound("Lot");
        var moveIds = db.MoveLines.Where(l => l.LotId == lotId).Select(l => l.MoveId);
        var moves = await db.Moves.AsNoTracking().Where(m => moveIds.Contains(m.Id) && m.Status == MoveStatus.Done)
            .OrderBy(m => m.DoneAt).ThenBy(m => m.Number)
            .Select(m => new
            {
                m.Id, m.Number, m.Kind, m.DoneDate, m.PartyId, m.Reference, m.SourceType, m.SourceId, m.SourceLineId,
                Quantity = m.Lines.Where(l => l.LotId == lotId).Sum(l => l.Quantity),
                From = db.Locations.Where(l => l.Id == m.FromLocationId).Select(l => l.Path).First(),
                To = db.Locations.Where(l => l.Id == m.ToLocationId).Select(l => l.Path).First(),
            }).ToListAsync(ct);
        var steps = moves.Select(m => new TraceStep(m.Id, m.Number, m.Kind, m.DoneDate, m.Quantity, m.From, m.To, m.PartyId, m.Reference,
            m.SourceType is null ? null : new SourceDocument(m.SourceType, m.SourceId!.Value, m.SourceLineId))).ToList();
        var origin = steps.FirstOrDefault(s => s.MoveId == lot.ReceiptMoveId);
        var deliveries = steps.Where(s => s.Kind == MoveKind.Delivery).ToList();
        return new LotTrace(lot, origin, steps, deliveries.Where(d => d.PartyId is not null).Select(d => d.PartyId!.Value).Distinct().ToList(), deliveries);
    }

    private IQueryable<LotDto> Project(IQueryable<Lot> lots)
    {
        var internalIds = db.Locations.Where(l => l.Kind == LocationKind.Internal).Select(l => l.Id);
        var quants = db.Quants.AsNoTracking();
        return lots.Select(l => new LotDto(l.Id, l.ProductId, l.Number, l.IsSerial, l.ExpiryDate, l.SupplierId, l.ReceiptMoveId,
            quants.Where(q => q.LotId == l.Id && internalIds.Contains(q.LocationId)).Sum(q => q.Quantity)));
    }
}

internal static class StockEndpoints
{
    public static void Map(IEndpointRouteBuilder inventory)
    {
        inventory.MapGet("/stock", async (int? limit, string? after, string? sort, Guid? product, Guid? warehouse, Guid? location, Guid? lot, StockQueries queries, CancellationToken ct) =>
                (await queries.StockAsync(product, warehouse, location, lot, new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("ListStock")
            .WithSummary("On hand per product, internal location and lot, a page at a time; filter by product, warehouse, location and lot");
        inventory.MapGet("/stock/levels", async (Guid? product, Guid? warehouse, StockQueries queries, CancellationToken ct) =>
                Results.Ok(await queries.LevelsAsync(product, warehouse, ct)))
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("ListStockLevels")
            .WithSummary("On hand, reserved and available per product and warehouse");
        inventory.MapGet("/lots", async (Guid? product, string? number, StockQueries queries, CancellationToken ct) =>
                Results.Ok(await queries.LotsAsync(product, number, ct)))
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("ListLots")
            .WithSummary("Lots and serial numbers (of a product, or by number) with what is on hand");
        inventory.MapGet("/lots/{id:guid}/trace", async (Guid id, StockQueries queries, CancellationToken ct) => (await queries.TraceAsync(id, ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("TraceLot")
            .WithSummary("Where a lot or serial came from (supplier, receipt, source document) and where it went (deliveries, customers)");
        inventory.MapGet("/reports/valuation", async (StockQueries queries, CancellationToken ct) => Results.Ok(await queries.ValuationAsync(ct)))
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("ValuationReport")
            .WithSummary("Quantity and value of stock per product; the total equals the inventory account's balance");
    }
}
