using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Contracts;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;

namespace Tandem.Inventory.Features.Moves;

/// <summary>
/// Values a done move that brings stock into the company or takes it out, by the product's method: FIFO consumes the
/// oldest layers, moving average takes the average. The product's valuation row is locked first, so concurrent
/// moves of one product value one after the other.
/// </summary>
internal sealed class MoveValuation(InventoryDb db, StockLedger ledger, ICatalogModule catalog)
{
    public async Task<ValuationMethod> MethodAsync(Guid productId, CancellationToken ct)
    {
        var own = await db.ProductSettings.AsNoTracking().Where(s => s.ProductId == productId).Select(s => s.Valuation).SingleOrDefaultAsync(ct);
        if (own is { } method)
            return method;
        var category = (await catalog.FindAsync(productId, ct))?.Category;
        if (category is null)
            return ValuationMethod.Fifo;
        return await db.CategoryValuations.AsNoTracking().Where(c => c.Category == category).Select(c => (ValuationMethod?)c.Method).SingleOrDefaultAsync(ct)
            ?? ValuationMethod.Fifo;
    }

    /// <summary>The unit cost an adjustment gain comes in at: the current average, else the last incoming cost, else zero.</summary>
    public async Task<decimal> GainUnitCostAsync(Guid productId, CancellationToken ct)
    {
        await ledger.AddValuationAsync(productId, 0m, 0m, ct);
        var stock = await db.Valuations.AsNoTracking().Where(v => v.ProductId == productId).Select(v => new { v.Quantity, v.Value }).SingleAsync(ct);
        var last = await db.Layers.AsNoTracking().Where(l => l.ProductId == productId && l.Quantity > 0).OrderByDescending(l => l.Sequence)
            .Select(l => new { l.Quantity, l.Value }).FirstOrDefaultAsync(ct);
        return Costing.GainUnitCost(stock.Quantity, stock.Value, last is null ? null : decimal.Round(last.Value / last.Quantity, 4, MidpointRounding.AwayFromZero));
    }

    public async Task<decimal> IncomingAsync(StockMove move, decimal unitCost, DateOnly date, CancellationToken ct)
    {
        await ledger.AddValuationAsync(move.ProductId, 0m, 0m, ct);
        var value = Costing.Incoming(move.Quantity, unitCost);
        db.Layers.Add(ValuationLayer.Incoming(move.ProductId, move.Id, date, await NextSequenceAsync(move.ProductId, ct), move.Quantity, value));
        await ledger.AddValuationAsync(move.ProductId, move.Quantity, value, ct);
        return value;
    }

    public async Task<decimal> OutgoingAsync(StockMove move, DateOnly date, CancellationToken ct)
    {
        await ledger.AddValuationAsync(move.ProductId, 0m, 0m, ct);
        decimal value;
        if (await MethodAsync(move.ProductId, ct) == ValuationMethod.Fifo)
        {
            var layers = await db.Layers.Where(l => l.ProductId == move.ProductId && l.RemainingQuantity > 0).OrderBy(l => l.Sequence).ToListAsync(ct);
            var takes = Costing.TakeFifo(layers.Select(l => (l.RemainingQuantity, l.RemainingValue)).ToList(), move.Quantity);
            foreach (var take in takes)
                layers[take.Index].Consume(take.Quantity, take.Value);
            value = takes.Sum(t => t.Value);
        }
        else
        {
            var stock = await db.Valuations.AsNoTracking().Where(v => v.ProductId == move.ProductId).Select(v => new { v.Quantity, v.Value }).SingleAsync(ct);
            value = Costing.TakeAverage(stock.Quantity, stock.Value, move.Quantity);
        }
        db.Layers.Add(ValuationLayer.Outgoing(move.ProductId, move.Id, date, await NextSequenceAsync(move.ProductId, ct), move.Quantity, value));
        await ledger.AddValuationAsync(move.ProductId, -move.Quantity, -value, ct);
        return value;
    }

    private async Task<long> NextSequenceAsync(Guid productId, CancellationToken ct) =>
        (await db.Layers.Where(l => l.ProductId == productId).MaxAsync(l => (long?)l.Sequence, ct) ?? 0) + 1;
}
