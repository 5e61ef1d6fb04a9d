using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Catalog.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;
using Tandem.Platform.Numbering;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Features.Moves;

/// <summary>
/// A move to plan: <see cref="Reserve"/> reserves it at once (with <see cref="ReserveAvailable"/> as much as is available
/// rather than all or nothing), <see cref="Done"/> completes it at once with <see cref="Lines"/>.
/// </summary>
internal sealed record MoveInput(
    string? Kind, Guid ProductId, decimal Quantity, string? Unit = null, Guid? WarehouseId = null, Guid? FromLocationId = null,
    Guid? ToLocationId = null, Guid? PartyId = null, decimal? UnitCost = null, DateOnly? ScheduledDate = null, string? Reference = null,
    SourceDocument? Source = null, bool Reserve = false, bool Done = false, IReadOnlyList<MoveLineInput>? Lines = null, bool ReserveAvailable = false);

/// <summary>A lot (with its quantity and expiry at receipt) or one serial number of a move being completed.</summary>
internal sealed record MoveLineInput(string? Lot = null, string? Serial = null, decimal? Quantity = null, DateOnly? ExpiryDate = null);

/// <summary>
/// How a move is completed: its lots or serials and date; with <see cref="Quantity"/> less than the move's, only that much
/// is done and the rest stays behind as a backorder move.
/// </summary>
internal sealed record CompleteInput(IReadOnlyList<MoveLineInput>? Lines = null, DateOnly? Date = null, decimal? Quantity = null);

/// <summary>A completed move and, after a partial completion, the backorder move left for the rest.</summary>
internal sealed record Completion(StockMove Done, StockMove? Backorder);

/// <summary>
/// Plans, reserves, completes and cancels stock moves. Completing one changes quants, levels and valuation with
/// atomic statements and posts its value to the ledger, all in one transaction.
/// </summary>
internal sealed class MoveHandler(
    InventoryDb db, DbSession session, DocumentNumbers numbers, StockLedger ledger, MoveValuation valuation,
    ICatalogModule catalog, IAccountingModule accounting, Locations locations, TimeProvider clock, IEnumerable<MoveSourceOwner> owners)
{
    public const string Sequence = "stock-move";
    public static readonly DocumentNumberFormat NumberFormat = new(Sequence, "SM", Yearly: false, Digits: 6);

    public static Error InsufficientStock(string detail) => new("insufficient_stock", detail, ErrorKind.Conflict);

    // A serial is one unit: once it is on hand in any internal location, a second one cannot come back.
    private async Task<string?> SerialInStockAsync(IReadOnlyList<LotQuantity> lines, CancellationToken ct)
    {
        var lotIds = lines.Select(l => l.LotId).ToList();
        var internalIds = db.Locations.Where(l => l.Kind == LocationKind.Internal).Select(l => l.Id);
        return await db.Lots.AsNoTracking()
            .Where(l => lotIds.Contains(l.Id) && db.Quants.Any(q => q.LotId == l.Id && internalIds.Contains(q.LocationId) && q.Quantity > 0))
            .OrderBy(l => l.Number).Select(l => l.Number).FirstOrDefaultAsync(ct);
    }

    // Names the lot or serial, so the person who picked it sees which one is not on the shelf.
    private async Task<Error> LotNotHeldAsync(Guid lotId, Tracking tracking, decimal quantity, string location, CancellationToken ct)
    {
        var number = await db.Lots.AsNoTracking().Where(l => l.Id == lotId).Select(l => l.Number).SingleAsync(ct);
        var detail = tracking == Tracking.Serial
            ? $"Serial number {number} is not in stock at {location}."
            : $"{location} does not hold {quantity} of lot {number}.";
        return InsufficientStock(detail) with { Fields = new Dictionary<string, string[]> { ["lines"] = [detail] } };
    }

    public async Task<Result<StockMove>> CreateAsync(MoveInput input, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .When(!Enum.TryParse<MoveKind>(input.Kind, ignoreCase: true, out var kind) || int.TryParse(input.Kind, out _), "kind", "receipt, delivery, transfer, adjustment, scrap or return.")
            .When(input.ProductId == Guid.Empty, "productId", "Required.")
            .When(input.Quantity <= 0, "quantity", "Greater than zero.")
            .When(input.Quantity > 1_000_000_000m, "quantity", "Too large.")
            .When(decimal.Round(input.Quantity, 4) != input.Quantity, "quantity", "At most 4 decimals.")
            .Optional("unit", input.Unit, 20)
            .Optional("reference", input.Reference, 100)
            .When(input.UnitCost is < 0 or > 1_000_000_000m, "unitCost", "Between 0 and 1,000,000,000.")
            .When(input.Source is { } s && (string.IsNullOrWhiteSpace(s.Type) || s.Type.Length > 40 || s.Id == Guid.Empty), "source", "A type (at most 40 characters) and an id.");
        if (errors.Any)
            return errors.ToError();
        if (kind == MoveKind.Receipt && input.UnitCost is null)
            return Error.Validation("unitCost", "A receipt needs the unit cost it comes in at.");
        var product = await catalog.FindAsync(input.ProductId, ct);
        if (product is null)
            return Error.NotFound("Product");
        if (product.Kind != ProductKind.Goods)
            return new Error("product_not_stocked", $"{product.Sku} is a service and is never stocked.");
        var quantity = input.Quantity;
        if (!string.IsNullOrWhiteSpace(input.Unit) && input.Unit.Trim() != product.Unit)
        {
            var converted = await catalog.ToProductUnitAsync(product.Id, input.Quantity, input.Unit.Trim(), ct);
            if (!converted.IsSuccess)
                return converted.Error!;
            quantity = decimal.Round(converted.Value, 4, MidpointRounding.AwayFromZero);
        }
        var route = await locations.RouteAsync(kind, input.WarehouseId, input.FromLocationId, input.ToLocationId, ct);
        if (!route.IsSuccess)
            return route.Error!;

        await using var unit = await session.BeginAsync(ct);
        var number = await numbers.NextAsync(NumberFormat, 0, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var move = StockMove.Plan(number, new MovePlan(
            kind, product.Id, quantity, input.Quantity, string.IsNullOrWhiteSpace(input.Unit) ? product.Unit : input.Unit.Trim(),
            route.Value.From.Id, route.Value.To.Id, route.Value.WarehouseId, input.ScheduledDate ?? today, input.PartyId,
            string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim(), input.Source, input.UnitCost), clock.GetUtcNow());
        db.Moves.Add(move);
        await db.SaveChangesAsync(ct);
        if (input.Done)
        {
            if (await CompleteCoreAsync(move, new CompleteInput(input.Lines, input.ScheduledDate), ct) is { } refused)
                return refused;
        }
        else if (input.Reserve)
        {
            if (await ReserveCoreAsync(move, input.ReserveAvailable, ct) is { } refused)
                return refused;
        }
        await unit.CommitAsync(ct);
        return move;
    }

    public Task<Result<StockMove>> ReserveAsync(Guid id, CancellationToken ct) => ActAsync(id, (move, token) => ReserveCoreAsync(move, false, token), ct);

    public async Task<Result<StockMove>> CompleteAsync(Guid id, CompleteInput input, CancellationToken ct) =>
        (await CompletePartAsync(id, input, ct)).Map(c => c.Done);

    /// <summary>
    /// Completes the move, or with <see cref="CompleteInput.Quantity"/> below its quantity only that part: the move is
    /// split first, the done part completed, and the backorder keeps the rest with what is left of the reservation.
    /// </summary>
    /// <param name="byOwner">True when the module that owns the move's source document completes it (through the facade).</param>
    public async Task<Result<Completion>> CompletePartAsync(Guid id, CompleteInput input, CancellationToken ct, bool byOwner = false)
    {
        if (input.Quantity is { } q && (q <= 0 || q > 1_000_000_000m || decimal.Round(q, 4) != q))
            return Error.Validation("quantity", "Greater than zero, with at most 4 decimals.");
        StockMove? backorder = null;
        var done = await ActAsync(id, async (move, token) =>
        {
            move.EnsureOpen();
            if (!byOwner && OwnedElsewhere(move) is { } owned)
                return owned;
            if (input.Quantity is { } part && part > move.Quantity)
                return new Error("quantity_exceeds_move", $"{move.Number} is of {move.Quantity}; {part} cannot be done on it.") { Fields = new Dictionary<string, string[]> { ["quantity"] = [$"At most {move.Quantity}."] } };
            if (input.Quantity is { } less && less < move.Quantity)
            {
                var number = await numbers.NextAsync(NumberFormat, 0, token);
                backorder = move.SplitOff(less, number, clock.GetUtcNow());
                db.Moves.Add(backorder);
                await db.SaveChangesAsync(token);
            }
            return await CompleteCoreAsync(move, input, token);
        }, ct);
        return done.IsSuccess ? new Completion(done.Value, backorder) : done.Error!;
    }

    public Task<Result<StockMove>> CancelAsync(Guid id, CancellationToken ct, bool byOwner = false) =>
        ActAsync(id, async (move, token) =>
        {
            if (!byOwner && OwnedElsewhere(move) is { } owned)
                return owned;
            var released = move.Cancel();
            if (released > 0)
                await ledger.ReleaseAsync(move.ProductId, move.FromLocationId, released, token);
            await db.SaveChangesAsync(token);
            return null;
        }, ct);

    /// <summary>An open move another module keeps a record of: done or cancelled here, that module would never hear of it.</summary>
    private Error? OwnedElsewhere(StockMove move) =>
        move.SourceType is { } type && owners.FirstOrDefault(o => o.SourceType == type) is { } owner
            ? Error.Conflict("move_owned_by_document", $"{move.Number} belongs to {move.Reference ?? "a " + type.Replace('_', ' ')}: ship or cancel it from {owner.Where}.")
            : null;

    private async Task<Result<StockMove>> ActAsync(Guid id, Func<StockMove, CancellationToken, Task<Error?>> action, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var move = await db.Moves.Include(m => m.Lines).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (move is null)
            return Error.NotFound("Stock move");
        if (await action(move, ct) is { } refused)
            return refused;
        await unit.CommitAsync(ct);
        return move;
    }

    private async Task<Error?> ReserveCoreAsync(StockMove move, bool available, CancellationToken ct)
    {
        move.EnsureOpen();
        if (!await locations.IsInternalAsync(move.FromLocationId, ct))
            return new Error("move_not_reservable", "Only a move out of an internal location takes a reservation.");
        if (available)
        {
            move.Reserve(await ledger.ReserveAvailableAsync(move.ProductId, move.FromLocationId, move.Quantity, ct));
            await db.SaveChangesAsync(ct);
            return null;
        }
        move.Reserve();
        if (!await ledger.TryReserveAsync(move.ProductId, move.FromLocationId, move.Quantity, ct))
            return InsufficientStock($"Not enough stock is available to reserve {move.Quantity} for {move.Number}.");
        await db.SaveChangesAsync(ct);
        return null;
    }

    private async Task<Error?> CompleteCoreAsync(StockMove move, CompleteInput input, CancellationToken ct)
    {
        move.EnsureOpen();
        var from = await db.Locations.AsNoTracking().SingleAsync(l => l.Id == move.FromLocationId, ct);
        var to = await db.Locations.AsNoTracking().SingleAsync(l => l.Id == move.ToLocationId, ct);
        var tracking = await db.ProductSettings.AsNoTracking().Where(s => s.ProductId == move.ProductId).Select(s => (Tracking?)s.Tracking).SingleOrDefaultAsync(ct) ?? Tracking.None;
        var date = input.Date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var incoming = !from.IsInternal && to.IsInternal;
        // Goods a customer sends back come in with the lots or serials they left with: those exist already.
        var lines = await LotLines.ResolveAsync(db, move, tracking, incoming && move.Kind != MoveKind.Return, input.Lines ?? [], clock.GetUtcNow(), ct);
        if (!lines.IsSuccess)
            return lines.Error;
        if (move.Kind == MoveKind.Return && incoming && tracking == Tracking.Serial && await SerialInStockAsync(lines.Value, ct) is { } inStock)
        {
            var detail = $"Serial number {inStock} is in stock already: it cannot come back from the customer.";
            return new Error("serial_in_stock", detail, ErrorKind.Conflict) { Fields = new Dictionary<string, string[]> { ["lines"] = [detail] } };
        }
        await db.SaveChangesAsync(ct);

        foreach (var (lotId, quantity) in lines.Value.OrderBy(l => l.LotId))
        {
            if (from.IsInternal)
            {
                if (!await ledger.TakeQuantAsync(move.ProductId, from.Id, lotId, quantity, ct))
                    return lotId == Guid.Empty
                        ? InsufficientStock($"{from.Path} does not hold {quantity} of the product.")
                        : await LotNotHeldAsync(lotId, tracking, quantity, from.Path, ct);
            }
            else
            {
                await ledger.AddQuantAsync(move.ProductId, from.Id, from.WarehouseId, lotId, -quantity, ct);
            }
            await ledger.AddQuantAsync(move.ProductId, to.Id, to.WarehouseId, lotId, quantity, ct);
        }
        var released = move.ReservedQuantity;
        if (from.IsInternal)
        {
            if (!await ledger.TakeLevelAsync(move.ProductId, from.Id, move.Quantity, released, ct))
                return InsufficientStock($"{from.Path} does not have {move.Quantity} available beyond other reservations.");
        }
        else
        {
            await ledger.AddLevelAsync(move.ProductId, from.Id, from.WarehouseId, -move.Quantity, ct);
        }
        await ledger.AddLevelAsync(move.ProductId, to.Id, to.WarehouseId, move.Quantity, ct);

        var value = 0m;
        if (incoming)
        {
            var unitCost = move.UnitCost ?? await valuation.GainUnitCostAsync(move.ProductId, ct);
            value = await valuation.IncomingAsync(move, unitCost, date, ct);
        }
        else if (from.IsInternal && !to.IsInternal)
        {
            value = -await valuation.OutgoingAsync(move, date, ct);
        }
        move.Complete(lines.Value.Select(l => StockMoveLine.Of(move.Id, l.LotId == Guid.Empty ? null : l.LotId, l.Quantity)).ToList(), value, date, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);

        if (value != 0)
        {
            var (debit, credit) = (move.Kind, value > 0) switch
            {
                (MoveKind.Receipt, _) => (ControlRole.Inventory, ControlRole.GoodsReceivedNotInvoiced),
                (MoveKind.Delivery, _) => (ControlRole.CostOfGoodsSold, ControlRole.Inventory),
                (MoveKind.Return, true) => (ControlRole.Inventory, ControlRole.CostOfGoodsSold),
                (MoveKind.Return, false) => (ControlRole.GoodsReceivedNotInvoiced, ControlRole.Inventory),
                (_, true) => (ControlRole.Inventory, ControlRole.InventoryAdjustment),
                (_, false) => (ControlRole.InventoryAdjustment, ControlRole.Inventory),
            };
            var amount = Math.Abs(value);
            var posted = await accounting.PostAsync(new LedgerEntryRequest(date, $"{move.Kind} {move.Number}", move.Number,
            [
                new LedgerLineRequest(debit, null, amount, 0m, move.PartyId),
                new LedgerLineRequest(credit, null, 0m, amount, move.PartyId),
            ]), ct);
            if (!posted.IsSuccess)
                return posted.Error;
            move.RecordEntry(posted.Value.Number);
            await db.SaveChangesAsync(ct);
        }
        return null;
    }
}
