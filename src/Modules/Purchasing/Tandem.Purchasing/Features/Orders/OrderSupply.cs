using Microsoft.EntityFrameworkCore;
using Tandem.Inventory.Contracts;
using Tandem.Purchasing.Data;
using Tandem.Purchasing.Domain;

namespace Tandem.Purchasing.Features.Orders;

/// <summary>
/// The backorders of confirmed purchase orders as receipts Inventory can expect on the orders' expected dates, so
/// available-to-promise counts them and the reorder rules do not propose what is already on order. Drafts are
/// requests for quotation and are not counted.
/// </summary>
internal sealed class OrderSupply(PurchasingDb db) : IScheduledSupply
{
    public async Task<IReadOnlyList<ScheduledReceipt>> ExpectedAsync(Guid productId, Guid? warehouseId, CancellationToken ct)
    {
        var open = new[] { OrderStatus.ToApprove, OrderStatus.Approved, OrderStatus.PartiallyReceived };
        var lines = await db.OrderLines.AsNoTracking()
            .Where(l => l.ProductId == productId && l.Received < l.Quantity)
            .Join(db.Orders.AsNoTracking().Where(o => open.Contains(o.Status) && (warehouseId == null || o.WarehouseId == warehouseId)),
                l => l.OrderId, o => o.Id, (l, o) => new { o.WarehouseId, o.ExpectedDate, o.Number, l.Quantity, l.Received })
            .ToListAsync(ct);
        return lines.Select(l => new ScheduledReceipt(l.WarehouseId, l.ExpectedDate, l.Quantity - l.Received, l.Number ?? "")).ToList();
    }
}
