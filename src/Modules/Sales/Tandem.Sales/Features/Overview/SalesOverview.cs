using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Crm.Contracts;
using Tandem.Inventory.Contracts;
using Tandem.Sales.Data;
using Tandem.Sales.Domain;
using Tandem.Sales.Features.Orders;
using Tandem.SharedKernel;

namespace Tandem.Sales.Features.Overview;

/// <summary>The sales side of the customer-360 page: open quotes, open orders with promise dates, the last order, shipments with lots.</summary>
internal sealed class SalesOverview(SalesDb db, ICatalogModule catalog, IInventoryModule inventory) : IAccountSalesSource, IAccountTimelineSource
{
    private static readonly SalesOrderStatus[] Open = [SalesOrderStatus.Draft, SalesOrderStatus.Confirmed, SalesOrderStatus.PartiallyDelivered, SalesOrderStatus.Delivered];

    public async Task<AccountSales> GetSalesAsync(AccountOverviewQuery query, CancellationToken ct)
    {
        var orders = db.Orders.AsNoTracking().Where(o => o.PartyId == query.PartyId && o.Status != SalesOrderStatus.Cancelled);
        var last = await orders.OrderByDescending(o => o.OrderDate).ThenByDescending(o => o.CreatedAt).FirstOrDefaultAsync(ct);
        var open = await orders.Where(o => Open.Contains(o.Status)).OrderByDescending(o => o.OrderDate).Take(20).ToListAsync(ct);
        var quotes = await db.Quotes.AsNoTracking().Where(q => q.PartyId == query.PartyId && q.Status == QuoteStatus.Open && q.ValidUntil >= query.Today)
            .OrderByDescending(q => q.QuoteDate).Take(20).ToListAsync(ct);
        var shipped = await (from m in db.Moves.AsNoTracking()
                             join o in db.Orders.AsNoTracking() on m.OrderId equals o.Id
                             join l in db.OrderLines.AsNoTracking() on m.LineId equals l.Id
                             where o.PartyId == query.PartyId && m.Kind == "delivery" && m.Status == "done"
                             orderby m.DoneAt descending
                             select new { m.MoveId, m.MoveNumber, m.DoneDate, o.Id, o.Number, l.ProductId, l.Description, m.Quantity, m.Lots }).Take(20).ToListAsync(ct);
        var products = await catalog.FindManyAsync(shipped.Select(s => s.ProductId).ToList(), ct);
        // Every lot and serial as Inventory recorded it: the order's own copy is a summary that may be cut short.
        var moves = shipped.Count == 0 ? [] : (await inventory.GetMovesAsync(shipped.Select(s => s.MoveId).ToList(), ct)).ToDictionary(m => m.Id);
        var shipments = shipped.Select(s => new OverviewShipment(s.MoveId, s.MoveNumber, s.DoneDate ?? query.Today, s.Id, s.Number,
            products.TryGetValue(s.ProductId, out var product) ? $"{product.Sku} {product.Name}" : s.Description,
            s.Quantity, moves.TryGetValue(s.MoveId, out var move) ? ShippedLots.Describe(move.Lots) : s.Lots is null ? [] : s.Lots.Split(", "))).ToList();
        return new AccountSales(last is null ? null : ToOverview(last), open.Select(ToOverview).ToList(),
            quotes.Select(q => new OverviewQuote(q.Id, q.Number, q.Revision, q.ValidUntil, Quote.Describe(q.Status, q.ValidUntil, query.Today), new Money(q.Total, q.Currency))).ToList(),
            shipments);
    }

    public async Task<IReadOnlyList<OverviewEvent>> GetEventsAsync(AccountOverviewQuery query, int limit, CancellationToken ct)
    {
        var confirmed = await db.Orders.AsNoTracking().Where(o => o.PartyId == query.PartyId && o.ConfirmedAt != null)
            .OrderByDescending(o => o.ConfirmedAt).Take(limit).ToListAsync(ct);
        var events = confirmed.Select(o => new OverviewEvent(o.ConfirmedAt!.Value, "order.confirmed", $"Order {o.Number} confirmed", o.Number, new Money(o.Total, o.Currency),
            $"/sales/orders/{o.Id}")).ToList();
        var shipped = await (from m in db.Moves.AsNoTracking()
                             join o in db.Orders.AsNoTracking() on m.OrderId equals o.Id
                             where o.PartyId == query.PartyId && m.Kind == "delivery" && m.Status == "done" && m.DoneAt != null
                             orderby m.DoneAt descending
                             select new { m.DoneAt, m.MoveNumber, m.Quantity, o.Id, o.Number }).Take(limit).ToListAsync(ct);
        events.AddRange(shipped.Select(s => new OverviewEvent(s.DoneAt!.Value, "shipment.done", $"Shipment {s.MoveNumber} for {s.Number} ({s.Quantity:0.####})", s.MoveNumber, null,
            $"/sales/orders/{s.Id}")));
        var invoiced = await (from i in db.Invoices.AsNoTracking()
                              join o in db.Orders.AsNoTracking() on i.OrderId equals o.Id
                              where o.PartyId == query.PartyId && i.Kind == "invoice"
                              orderby i.CreatedAt descending
                              select new { i.CreatedAt, i.Number, i.Total, o.Currency, o.Id, OrderNumber = o.Number }).Take(limit).ToListAsync(ct);
        events.AddRange(invoiced.Select(i => new OverviewEvent(i.CreatedAt, "order.invoiced", $"Order {i.OrderNumber} invoiced: {i.Number}", i.Number, new Money(i.Total, i.Currency),
            $"/sales/orders/{i.Id}")));
        return events.OrderByDescending(e => e.At).Take(limit).ToList();
    }

    private static OverviewOrder ToOverview(SalesOrder o) =>
        new(o.Id, o.Number, o.OrderDate, SalesOrder.Describe(o.Status), new Money(o.Total, o.Currency), o.PromiseDate);
}
