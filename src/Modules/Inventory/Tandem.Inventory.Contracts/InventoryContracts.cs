using Tandem.SharedKernel;

namespace Tandem.Inventory.Contracts;

/// <summary>What sales and purchasing may ask of the stock ledger.</summary>
public interface IInventoryModule
{
    /// <summary>On hand, reserved and available of a product in a warehouse's internal locations (all warehouses when null).</summary>
    Task<StockLevel> GetStockAsync(Guid productId, Guid? warehouseId, CancellationToken ct);

    /// <summary>The earliest date a quantity can ship, with the timeline it was read from.</summary>
    Task<Result<AtpAnswer>> PromiseAsync(AtpQuery query, CancellationToken ct);

    /// <summary>
    /// Creates a delivery from the warehouse's stock to the customer and reserves it, inside the caller's unit of work;
    /// <c>insufficient_stock</c> when not enough is available. On a refusal the caller rolls its unit of work back.
    /// </summary>
    Task<Result<MoveSummary>> CreateDeliveryAsync(DeliveryRequest request, CancellationToken ct);

    /// <summary>
    /// Creates a receipt into the warehouse's stock, carrying the source document (a purchase order line), inside the
    /// caller's unit of work. With <see cref="ReceiptRequest.Done"/> it is completed at once with its lots or serials,
    /// valued and posted to the ledger in the same transaction. On a refusal the caller rolls its unit of work back.
    /// </summary>
    Task<Result<MoveSummary>> CreateReceiptAsync(ReceiptRequest request, CancellationToken ct);

    /// <summary>
    /// Sends received goods back to the supplier inside the caller's unit of work: a done move from the warehouse's stock
    /// to the supplier location, valued out of stock like a delivery and posted against goods received not invoiced.
    /// </summary>
    Task<Result<MoveSummary>> ReturnToSupplierAsync(SupplierReturnRequest request, CancellationToken ct);

    /// <summary>
    /// Completes all or part of a reserved delivery inside the caller's unit of work: the done quantity leaves stock
    /// with its lots or serials, valued and posted to cost of goods sold; the rest stays behind as a backorder move
    /// (same source document, still reserved as far as it was). <c>quantity_exceeds_move</c> when more than the move
    /// holds; <c>insufficient_stock</c> when the quantity is not on hand. On a refusal the caller rolls its unit of work back.
    /// </summary>
    Task<Result<DeliveryDone>> CompleteDeliveryAsync(DeliveryCompletion request, CancellationToken ct);

    /// <summary>Cancels a move that is not done, releasing what it reserved, inside the caller's unit of work; <c>move_done</c> when it is done.</summary>
    Task<Result<MoveSummary>> CancelMoveAsync(Guid moveId, CancellationToken ct);

    /// <summary>
    /// Takes goods a customer sent back into the warehouse's stock inside the caller's unit of work: a done return
    /// move from the customer location, valued at <see cref="CustomerReturnRequest.UnitCost"/> (what they left stock
    /// at) and posted back from cost of goods sold to inventory.
    /// </summary>
    Task<Result<MoveSummary>> ReceiveCustomerReturnAsync(CustomerReturnRequest request, CancellationToken ct);

    /// <summary>The moves with their status, quantities and lots; unknown ids are left out.</summary>
    Task<IReadOnlyList<MoveDetail>> GetMovesAsync(IReadOnlyCollection<Guid> moveIds, CancellationToken ct);

    /// <summary>The warehouses of the company, by code.</summary>
    Task<IReadOnlyList<WarehouseSummary>> ListWarehousesAsync(CancellationToken ct);

    /// <summary>The warehouse of the company, or null.</summary>
    Task<WarehouseSummary?> FindWarehouseAsync(Guid warehouseId, CancellationToken ct);

    /// <summary>The product's preferred supplier, lead time and tracking: the one place these are kept.</summary>
    Task<ProductSupply> GetSupplyAsync(Guid productId, CancellationToken ct);

    /// <summary>What the reorder rules propose to buy now, with the lead time's expected date.</summary>
    Task<IReadOnlyList<ReplenishmentProposal>> ProposeReplenishmentAsync(CancellationToken ct);
}

/// <summary>
/// Receipts another module expects but has not made into stock moves yet, such as the backorders of approved purchase
/// orders. Available-to-promise and the reorder rules' forecast count them as scheduled receipts.
/// </summary>
public interface IScheduledSupply
{
    /// <summary>What is expected of the product in the warehouse (all warehouses when null), by date.</summary>
    Task<IReadOnlyList<ScheduledReceipt>> ExpectedAsync(Guid productId, Guid? warehouseId, CancellationToken ct);
}

public sealed record ScheduledReceipt(Guid WarehouseId, DateOnly Date, decimal Quantity, string Reference);

/// <summary>The business document a move was made for, e.g. <c>("purchase_order", id, lineId)</c>.</summary>
public sealed record SourceDocument(string Type, Guid Id, Guid? LineId = null);

/// <summary>
/// A module that keeps its own record of the moves it makes for a kind of document (Sales: a sales order's deliveries).
/// Such a move is completed or cancelled only through <see cref="IInventoryModule"/> by that module; the stock screens
/// and the moves API refuse it with <c>move_owned_by_document</c>, as the document would not learn of the change.
/// </summary>
public sealed record MoveSourceOwner(string SourceType, string Where);

public sealed record StockLevel(Guid ProductId, Guid? WarehouseId, decimal OnHand, decimal Reserved, decimal Available);

public sealed record AtpQuery(Guid ProductId, decimal Quantity, Guid? WarehouseId);

/// <summary>The promise: <see cref="Date"/> and how it was found (<c>stock</c>, <c>scheduled</c> or <c>lead_time</c>).</summary>
public sealed record AtpAnswer(Guid ProductId, decimal Quantity, DateOnly Date, string Basis, decimal AvailableNow, int LeadTimeDays, IReadOnlyList<AtpStep> Timeline);

/// <summary>One point of the timeline: the change on that date and the running available quantity after it.</summary>
public sealed record AtpStep(DateOnly Date, string Kind, decimal Change, decimal Available, string? Reference);

/// <summary>
/// A delivery to plan and reserve. With <see cref="ReserveAvailable"/> it is created even when stock is short,
/// reserving what is available (the shortfall waits for receipts); without it a shortfall is refused.
/// </summary>
public sealed record DeliveryRequest(
    Guid ProductId, decimal Quantity, string? Unit, Guid WarehouseId, Guid? CustomerId, DateOnly? ScheduledDate, SourceDocument? Source,
    bool ReserveAvailable = false);

/// <summary>How much of a delivery move was shipped, with its lots or serials when the product is tracked.</summary>
public sealed record DeliveryCompletion(Guid MoveId, decimal Quantity, DateOnly? Date = null, IReadOnlyList<LotEntry>? Lots = null);

/// <summary><see cref="Cost"/>: the stock value that left (positive), posted to cost of goods sold; <see cref="Backorder"/> the move left for the rest.</summary>
public sealed record DeliveryDone(MoveSummary Done, MoveSummary? Backorder, decimal Cost, IReadOnlyList<LotEntry> Lots);

public sealed record CustomerReturnRequest(
    Guid ProductId, decimal Quantity, Guid WarehouseId, Guid? CustomerId, decimal UnitCost, DateOnly? Date, SourceDocument? Source,
    IReadOnlyList<LotEntry>? Lots = null, string? Reference = null);

/// <summary>A move as another module follows it: <see cref="Status"/> <c>draft</c>, <c>reserved</c>, <c>done</c> or <c>cancelled</c>.</summary>
public sealed record MoveDetail(
    Guid Id, string Number, string Kind, string Status, Guid ProductId, decimal Quantity, decimal Reserved, Guid WarehouseId, DateOnly? ScheduledDate,
    DateOnly? DoneDate, SourceDocument? Source, IReadOnlyList<LotEntry> Lots);

public sealed record ReceiptRequest(
    Guid ProductId, decimal Quantity, string? Unit, Guid WarehouseId, Guid? SupplierId, Money UnitCost, DateOnly? ScheduledDate, SourceDocument? Source,
    bool Done = false, IReadOnlyList<LotEntry>? Lots = null, string? Reference = null);

/// <summary>A lot (with its quantity, and expiry at receipt) or one serial number of a move being completed.</summary>
public sealed record LotEntry(string? Lot = null, string? Serial = null, decimal? Quantity = null, DateOnly? ExpiryDate = null);

public sealed record SupplierReturnRequest(
    Guid ProductId, decimal Quantity, Guid WarehouseId, Guid? SupplierId, DateOnly? Date, SourceDocument? Source, IReadOnlyList<LotEntry>? Lots = null,
    string? Reference = null);

/// <summary>
/// <see cref="Value"/>: what the move added to (positive) or took from (negative) the stock value, in the company currency;
/// <see cref="Reserved"/>: how much of the quantity is reserved (a delivery).
/// </summary>
public sealed record MoveSummary(Guid Id, string Number, string Kind, string Status, Guid ProductId, decimal Quantity, decimal Value = 0m, decimal Reserved = 0m);

public sealed record WarehouseSummary(Guid Id, string Code, string Name, Guid StockLocationId);

/// <summary><see cref="Tracking"/>: <c>none</c>, <c>lot</c> or <c>serial</c>.</summary>
public sealed record ProductSupply(Guid ProductId, Guid? SupplierId, int LeadTimeDays, string Tracking);

public sealed record ReplenishmentProposal(
    Guid ProductId, Guid WarehouseId, decimal Min, decimal Max, decimal Forecast, decimal Quantity, Guid? SupplierId, int LeadTimeDays, DateOnly ExpectedDate);

public static class InventoryPermissions
{
    public const string Read = "inventory.read";

    /// <summary>Receive, pick, deliver, transfer, adjust and count.</summary>
    public const string Operate = "inventory.operate";

    /// <summary>Warehouses, locations, product settings and reorder rules.</summary>
    public const string Manage = "inventory.manage";
}
