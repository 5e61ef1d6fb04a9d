using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Inventory.Contracts;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Features.Moves;

/// <summary>The JSON form of a move's request: money as <c>{"amount","currency"}</c> in the company currency.</summary>
internal sealed record MoveRequest(
    string? Kind, Guid ProductId, decimal Quantity, string? Unit = null, Guid? WarehouseId = null, Guid? FromLocationId = null,
    Guid? ToLocationId = null, Guid? PartyId = null, Money? UnitCost = null, DateOnly? ScheduledDate = null, string? Reference = null,
    SourceDocument? Source = null, bool Reserve = false, bool Done = false, IReadOnlyList<MoveLineInput>? Lines = null);

internal sealed record MoveLineDto(Guid? LotId, string? Lot, decimal Quantity);

internal sealed record MoveDto(
    Guid Id, string Number, MoveKind Kind, MoveStatus Status, Guid ProductId, decimal Quantity, decimal EnteredQuantity, string EnteredUnit,
    Guid FromLocationId, string FromLocation, Guid ToLocationId, string ToLocation, Guid WarehouseId, DateOnly ScheduledDate, DateOnly? DoneDate,
    Guid? PartyId, string? Reference, SourceDocument? Source, Money? UnitCost, Money Value, string? EntryNumber, decimal ReservedQuantity,
    IReadOnlyList<MoveLineDto> Lines, long Version, BackorderDto? Backorder = null);

/// <summary>In the answer to a partial completion: the move left for the rest, with what it still has reserved.</summary>
internal sealed record BackorderDto(Guid Id, string Number, decimal Quantity, decimal ReservedQuantity);

internal sealed record MoveRow(
    Guid Id, string Number, MoveKind Kind, MoveStatus Status, Guid ProductId, decimal Quantity, string FromLocation, string ToLocation,
    DateOnly ScheduledDate, DateOnly? DoneDate, string? Reference, decimal Value);

internal sealed record MoveFilter(string? Kind, string? Status, Guid? Product, Guid? Warehouse, Guid? Location, string? Source, Guid? SourceId);

internal sealed class MoveQueries(InventoryDb db, CompanyMoney money)
{
    internal static readonly SortMap<StockMove> Sorts = new SortMap<StockMove>("scheduledDate")
        .Add("scheduledDate", m => m.ScheduledDate)
        .Add("number", m => m.Number)
        .Add("createdAt", m => m.CreatedAt);

    public async Task<Result<MoveDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var move = await db.Moves.AsNoTracking().Include(m => m.Lines).SingleOrDefaultAsync(m => m.Id == id, ct);
        return move is null ? Error.NotFound("Stock move") : await ToDtoAsync(move, ct);
    }

    public async Task<MoveDto> ToDtoAsync(StockMove move, CancellationToken ct)
    {
        var currency = await money.CurrencyAsync(ct);
        var paths = await db.Locations.AsNoTracking().Where(l => l.Id == move.FromLocationId || l.Id == move.ToLocationId)
            .ToDictionaryAsync(l => l.Id, l => l.Path, ct);
        var lotIds = move.Lines.Where(l => l.LotId is not null).Select(l => l.LotId!.Value).ToList();
        var lots = await db.Lots.AsNoTracking().Where(l => lotIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Number, ct);
        return new MoveDto(
            move.Id, move.Number, move.Kind, move.Status, move.ProductId, move.Quantity, move.EnteredQuantity, move.EnteredUnit,
            move.FromLocationId, paths.GetValueOrDefault(move.FromLocationId, ""), move.ToLocationId, paths.GetValueOrDefault(move.ToLocationId, ""),
            move.WarehouseId, move.ScheduledDate, move.DoneDate, move.PartyId, move.Reference,
            move.SourceType is null ? null : new SourceDocument(move.SourceType, move.SourceId!.Value, move.SourceLineId),
            move.UnitCost is { } cost ? new Money(cost, currency) : null, new Money(move.Value, currency), move.EntryNumber, move.ReservedQuantity,
            move.Lines.Select(l => new MoveLineDto(l.LotId, l.LotId is { } lot ? lots.GetValueOrDefault(lot) : null, l.Quantity)).ToList(),
            move.Version);
    }

    public async Task<Result<Page<MoveRow>>> ListAsync(MoveFilter filter, PageRequest page, CancellationToken ct)
    {
        var query = db.Moves.AsNoTracking();
        if (filter.Kind is { Length: > 0 } kindText)
        {
            if (!Enum.TryParse<MoveKind>(kindText, true, out var kind) || int.TryParse(kindText, out _))
                return Error.Validation("kind", "receipt, delivery, transfer, adjustment, scrap or return.");
            query = query.Where(m => m.Kind == kind);
        }
        if (filter.Status is { Length: > 0 } statusText)
        {
            if (statusText == "open")
            {
                query = query.Where(m => m.Status == MoveStatus.Draft || m.Status == MoveStatus.Reserved);
            }
            else
            {
                if (!Enum.TryParse<MoveStatus>(statusText, true, out var status) || int.TryParse(statusText, out _))
                    return Error.Validation("status", "draft, reserved, done, cancelled or open.");
                query = query.Where(m => m.Status == status);
            }
        }
        if (filter.Product is { } product)
            query = query.Where(m => m.ProductId == product);
        if (filter.Warehouse is { } warehouse)
            query = query.Where(m => m.WarehouseId == warehouse);
        if (filter.Location is { } location)
            query = query.Where(m => m.FromLocationId == location || m.ToLocationId == location);
        if (!string.IsNullOrWhiteSpace(filter.Source))
            query = query.Where(m => m.SourceType == filter.Source);
        if (filter.SourceId is { } sourceId)
            query = query.Where(m => m.SourceId == sourceId);
        var locations = db.Locations.AsNoTracking();
        Expression<Func<StockMove, MoveRow>> projection = m => new MoveRow(
            m.Id, m.Number, m.Kind, m.Status, m.ProductId, m.Quantity,
            locations.Where(l => l.Id == m.FromLocationId).Select(l => l.Path).First(),
            locations.Where(l => l.Id == m.ToLocationId).Select(l => l.Path).First(),
            m.ScheduledDate, m.DoneDate, m.Reference, m.Value);
        return await query.ToPageAsync(page, Sorts, projection, ct);
    }
}

internal static class MoveEndpoints
{
    public static void Map(IEndpointRouteBuilder inventory)
    {
        var moves = inventory.MapGroup("/moves");
        moves.MapGet("/", async (int? limit, string? after, string? sort, string? kind, string? status, Guid? product, Guid? warehouse, Guid? location,
                    string? source, Guid? sourceId, MoveQueries queries, CancellationToken ct) =>
                (await queries.ListAsync(new MoveFilter(kind, status, product, warehouse, location, source, sourceId), new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("ListStockMoves")
            .WithSummary("List stock moves a page at a time; filter by kind, status (or open), product, warehouse, location and source document");
        moves.MapGet("/{id:guid}", async (Guid id, MoveQueries queries, CancellationToken ct) => (await queries.GetAsync(id, ct)).ToHttp())
            .RequireAuthorization(InventoryPermissions.Read)
            .WithName("GetStockMove")
            .WithSummary("One stock move with its lots or serials");
        moves.MapPost("/", async (MoveRequest request, MoveHandler handler, MoveQueries queries, CompanyMoney money, CancellationToken ct) =>
            {
                var cost = await money.AmountAsync(request.UnitCost, "unitCost", ct);
                if (!cost.IsSuccess)
                    return Problems.From(cost.Error!);
                var created = await handler.CreateAsync(new MoveInput(
                    request.Kind, request.ProductId, request.Quantity, request.Unit, request.WarehouseId, request.FromLocationId, request.ToLocationId,
                    request.PartyId, cost.Value, request.ScheduledDate, request.Reference, request.Source, request.Reserve, request.Done, request.Lines), ct);
                if (!created.IsSuccess)
                    return Problems.From(created.Error!);
                var dto = await queries.ToDtoAsync(created.Value, ct);
                return Results.Created($"/api/v1/inventory/moves/{dto.Id}", dto);
            })
            .RequireAuthorization(InventoryPermissions.Operate)
            .WithName("CreateStockMove")
            .WithSummary("Plan a receipt, delivery, transfer, adjustment or scrap; reserve=true reserves it, done=true completes it at once");
        moves.MapPost("/{id:guid}/reserve", async (Guid id, MoveHandler handler, MoveQueries queries, CancellationToken ct) =>
                await ToHttpAsync(await handler.ReserveAsync(id, ct), queries, ct))
            .RequireAuthorization(InventoryPermissions.Operate)
            .WithName("ReserveStockMove")
            .WithSummary("Reserve the move's quantity at its source location; insufficient_stock when not available");
        moves.MapPost("/{id:guid}/done", async (Guid id, CompleteInput? input, MoveHandler handler, MoveQueries queries, CancellationToken ct) =>
            {
                var completed = await handler.CompletePartAsync(id, input ?? new CompleteInput(), ct);
                if (!completed.IsSuccess)
                    return Problems.From(completed.Error!);
                var dto = await queries.ToDtoAsync(completed.Value.Done, ct);
                return Results.Ok(completed.Value.Backorder is { } b ? dto with { Backorder = new BackorderDto(b.Id, b.Number, b.Quantity, b.ReservedQuantity) } : dto);
            })
            .RequireAuthorization(InventoryPermissions.Operate)
            .WithName("CompleteStockMove")
            .WithSummary("Complete the move with its lots or serials (stock, valuation and the ledger change together); with a quantity below the move's, only that part, leaving a backorder move for the rest");
        moves.MapPost("/{id:guid}/cancel", async (Guid id, MoveHandler handler, MoveQueries queries, CancellationToken ct) =>
                await ToHttpAsync(await handler.CancelAsync(id, ct), queries, ct))
            .RequireAuthorization(InventoryPermissions.Operate)
            .WithName("CancelStockMove")
            .WithSummary("Cancel an open move, releasing its reservation");
    }

    private static async Task<IResult> ToHttpAsync(Result<StockMove> result, MoveQueries queries, CancellationToken ct) =>
        result.IsSuccess ? Results.Ok(await queries.ToDtoAsync(result.Value, ct)) : Problems.From(result.Error!);
}
