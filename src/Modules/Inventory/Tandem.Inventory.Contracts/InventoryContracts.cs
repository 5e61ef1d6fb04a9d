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

    /// <summary>Creates a receipt into the warehouse's input, carrying the source document (a purchase order line).</summary>
    Task<Result<MoveSummary>> CreateReceiptAsync(ReceiptRequest request, CancellationToken ct);
}

/// <summary>The business document a move was made for, e.g. <c>("purchase_order", id, lineId)</c>.</summary>
public sealed record SourceDocument(string Type, Guid Id, Guid? LineId = null);

public sealed record StockLevel(Guid ProductId, Guid? WarehouseId, decimal OnHand, decimal Reserved, decimal Available);

public sealed record AtpQuery(Guid ProductId, decimal Quantity, Guid? WarehouseId);

/// <summary>The promise: <see cref="Date"/> and how it was found (<c>stock</c>, <c>scheduled</c> or <c>lead_time</c>).</summary>
public sealed record AtpAnswer(Guid ProductId, decimal Quantity, DateOnly Date, string Basis, decimal AvailableNow, int LeadTimeDays, IReadOnlyList<AtpStep> Timeline);

/// <summary>One point of the timeline: the change on that date and the running available quantity after it.</summary>
public sealed record AtpStep(DateOnly Date, string Kind, decimal Change, decimal Available, string? Reference);

public sealed record DeliveryRequest(Guid ProductId, decimal Quantity, string? Unit, Guid WarehouseId, Guid? CustomerId, DateOnly? ScheduledDate, SourceDocument? Source);

public sealed record ReceiptRequest(Guid ProductId, decimal Quantity, string? Unit, Guid WarehouseId, Guid? SupplierId, Money UnitCost, DateOnly? ScheduledDate, SourceDocument? Source);

public sealed record MoveSummary(Guid Id, string Number, string Kind, string Status, Guid ProductId, decimal Quantity);

public static class InventoryPermissions
{
    public const string Read = "inventory.read";

    /// <summary>Receive, pick, deliver, transfer, adjust and count.</summary>
    public const string Operate = "inventory.operate";

    /// <summary>Warehouses, locations, product settings and reorder rules.</summary>
    public const string Manage = "inventory.manage";
}
