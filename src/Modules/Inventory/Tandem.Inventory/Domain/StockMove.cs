using Tandem.SharedKernel;

namespace Tandem.Inventory.Domain;

internal enum MoveKind
{
    Receipt,
    Delivery,
    Transfer,
    Adjustment,
    Scrap,

    /// <summary>Received goods sent back to the supplier.</summary>
    Return,
}

internal enum MoveStatus
{
    Draft,
    Reserved,
    Done,
    Cancelled,
}

/// <summary>
/// A quantity of one product going from one location to another. Draft and reserved moves can be changed or
/// cancelled; a done move has changed the stock and its value and never changes again: a correction is a new move.
/// </summary>
internal sealed class StockMove : Entity
{
    private readonly List<StockMoveLine> _lines = [];

    private StockMove()
    {
    }

    public string Number { get; private set; } = "";
    public MoveKind Kind { get; private set; }
    public MoveStatus Status { get; private set; }
    public Guid ProductId { get; private set; }

    /// <summary>In the product's unit.</summary>
    public decimal Quantity { get; private set; }

    /// <summary>As entered, before conversion to the product's unit.</summary>
    public decimal EnteredQuantity { get; private set; }
    public string EnteredUnit { get; private set; } = "";
    public Guid FromLocationId { get; private set; }
    public Guid ToLocationId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public DateOnly ScheduledDate { get; private set; }
    public DateOnly? DoneDate { get; private set; }
    public Guid? PartyId { get; private set; }
    public string? Reference { get; private set; }
    public string? SourceType { get; private set; }
    public Guid? SourceId { get; private set; }
    public Guid? SourceLineId { get; private set; }

    /// <summary>The cost per unit a receipt came in at (company currency).</summary>
    public decimal? UnitCost { get; private set; }

    /// <summary>The value the move added to (positive) or took from (negative) the stock valuation once done.</summary>
    public decimal Value { get; private set; }
    public string? EntryNumber { get; private set; }
    public decimal ReservedQuantity { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public IReadOnlyList<StockMoveLine> Lines => _lines;

    public bool IsOpen => Status is MoveStatus.Draft or MoveStatus.Reserved;

    public static StockMove Plan(string number, MovePlan plan, DateTimeOffset now)
    {
        if (plan.Quantity <= 0)
            throw new BusinessRuleException(Error.Validation("quantity", "Greater than zero."));
        return new StockMove
        {
            Number = number, Kind = plan.Kind, Status = MoveStatus.Draft, ProductId = plan.ProductId, Quantity = plan.Quantity,
            EnteredQuantity = plan.EnteredQuantity, EnteredUnit = plan.EnteredUnit, FromLocationId = plan.FromLocationId,
            ToLocationId = plan.ToLocationId, WarehouseId = plan.WarehouseId, ScheduledDate = plan.ScheduledDate, PartyId = plan.PartyId,
            Reference = plan.Reference, SourceType = plan.Source?.Type, SourceId = plan.Source?.Id, SourceLineId = plan.Source?.LineId,
            UnitCost = plan.UnitCost, CreatedAt = now,
        };
    }

    /// <summary>Marks the whole quantity reserved; the caller has already taken it from the available stock.</summary>
    public void Reserve() => Reserve(Quantity);

    /// <summary>
    /// Marks part of the quantity reserved (what was available); the caller has already taken it from the available
    /// stock. Nothing reserved leaves the move a draft.
    /// </summary>
    public void Reserve(decimal quantity)
    {
        EnsureOpen();
        if (Status == MoveStatus.Reserved)
            throw new BusinessRuleException(Error.Conflict("move_reserved", $"Move {Number} is already reserved."));
        if (quantity < 0 || quantity > Quantity)
            throw new BusinessRuleException(Error.Validation("quantity", $"From 0 to {Quantity}."));
        Status = quantity > 0 ? MoveStatus.Reserved : MoveStatus.Draft;
        ReservedQuantity = quantity;
    }

    /// <summary>
    /// Splits an open move before part of it is completed: this move keeps <paramref name="quantity"/> and as much of its
    /// reservation as covers it; the returned backorder move takes the rest of the quantity and of the reservation, with
    /// the same route, partner and source document. The stock levels do not change: the reservation only changes hands.
    /// </summary>
    public StockMove SplitOff(decimal quantity, string backorderNumber, DateTimeOffset now)
    {
        EnsureOpen();
        if (quantity <= 0 || quantity >= Quantity)
            throw new BusinessRuleException(Error.Validation("quantity", $"Greater than zero and less than {Quantity}."));
        var rest = Quantity - quantity;
        var keptReservation = Math.Min(ReservedQuantity, quantity);
        var enteredRest = decimal.Round(EnteredQuantity * rest / Quantity, 4, MidpointRounding.AwayFromZero);
        var backorder = new StockMove
        {
            Number = backorderNumber, Kind = Kind, ProductId = ProductId, Quantity = rest, EnteredQuantity = enteredRest, EnteredUnit = EnteredUnit,
            FromLocationId = FromLocationId, ToLocationId = ToLocationId, WarehouseId = WarehouseId, ScheduledDate = ScheduledDate, PartyId = PartyId,
            Reference = Reference, SourceType = SourceType, SourceId = SourceId, SourceLineId = SourceLineId, UnitCost = UnitCost, CreatedAt = now,
            ReservedQuantity = ReservedQuantity - keptReservation,
        };
        backorder.Status = backorder.ReservedQuantity > 0 ? MoveStatus.Reserved : MoveStatus.Draft;
        EnteredQuantity -= enteredRest;
        Quantity = quantity;
        ReservedQuantity = keptReservation;
        return backorder;
    }

    /// <summary>Records the move as done with its lines and value; returns the quantity whose reservation it releases.</summary>
    public decimal Complete(IReadOnlyList<StockMoveLine> lines, decimal value, DateOnly date, DateTimeOffset now)
    {
        EnsureOpen();
        if (lines.Sum(l => l.Quantity) != Quantity)
            throw new BusinessRuleException(Error.Validation("lines", $"The lines must add up to {Quantity}."));
        var released = ReservedQuantity;
        _lines.Clear();
        _lines.AddRange(lines);
        Value = value;
        DoneDate = date;
        DoneAt = now;
        Status = MoveStatus.Done;
        ReservedQuantity = 0;
        return released;
    }

    public void RecordEntry(string number) => EntryNumber = number;

    /// <summary>Re-points the move after a party merge; the only change a done move accepts.</summary>
    public void RepointParty(Guid partyId) => PartyId = partyId;

    /// <summary>Cancels an open move; returns the quantity whose reservation it releases.</summary>
    public decimal Cancel()
    {
        EnsureOpen();
        var released = ReservedQuantity;
        ReservedQuantity = 0;
        Status = MoveStatus.Cancelled;
        return released;
    }

    public void EnsureOpen()
    {
        if (Status == MoveStatus.Done)
            throw new BusinessRuleException(Error.Conflict("move_done", $"Move {Number} is done and cannot change; make a new move to correct it."));
        if (Status == MoveStatus.Cancelled)
            throw new BusinessRuleException(Error.Conflict("move_cancelled", $"Move {Number} is cancelled."));
    }
}

/// <summary>What a move is planned as, with its quantity already in the product's unit.</summary>
internal sealed record MovePlan(
    MoveKind Kind, Guid ProductId, decimal Quantity, decimal EnteredQuantity, string EnteredUnit, Guid FromLocationId, Guid ToLocationId,
    Guid WarehouseId, DateOnly ScheduledDate, Guid? PartyId, string? Reference, Contracts.SourceDocument? Source, decimal? UnitCost);

/// <summary>The part of a done move that was of one lot or serial (none for untracked products).</summary>
internal sealed class StockMoveLine : Entity
{
    private StockMoveLine()
    {
    }

    public Guid MoveId { get; private set; }
    public Guid? LotId { get; private set; }
    public decimal Quantity { get; private set; }

    public static StockMoveLine Of(Guid moveId, Guid? lotId, decimal quantity) => new() { MoveId = moveId, LotId = lotId, Quantity = quantity };
}

/// <summary>A lot or a serial number of a product, born at a receipt.</summary>
internal sealed class Lot : Entity
{
    private Lot()
    {
    }

    public Guid ProductId { get; private set; }
    public string Number { get; private set; } = "";
    public bool IsSerial { get; private set; }
    public DateOnly? ExpiryDate { get; private set; }
    public Guid? SupplierId { get; private set; }
    public Guid? ReceiptMoveId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Lot Receive(Guid productId, string number, bool isSerial, DateOnly? expiry, Guid? supplierId, Guid receiptMoveId, DateTimeOffset now) => new()
    {
        ProductId = productId, Number = number.Trim(), IsSerial = isSerial, ExpiryDate = expiry, SupplierId = supplierId,
        ReceiptMoveId = receiptMoveId, CreatedAt = now,
    };

    public void RepointSupplier(Guid supplierId) => SupplierId = supplierId;
}

/// <summary>
/// On hand of a product at a location in a lot (<see cref="Guid.Empty"/> for none). Written only by the stock ledger's
/// atomic upserts in the move's transaction; read by lists and reports.
/// </summary>
internal sealed class StockQuant : Entity
{
    private StockQuant()
    {
    }

    public Guid ProductId { get; private set; }
    public Guid LocationId { get; private set; }
    public Guid? WarehouseId { get; private set; }
    public Guid LotId { get; private set; }
    public decimal Quantity { get; private set; }
}

/// <summary>On hand and reserved of a product at a location over all lots: what reservations are taken from.</summary>
internal sealed class StockLevel : Entity
{
    private StockLevel()
    {
    }

    public Guid ProductId { get; private set; }
    public Guid LocationId { get; private set; }
    public Guid? WarehouseId { get; private set; }
    public decimal OnHand { get; private set; }
    public decimal Reserved { get; private set; }
}
