using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Inventory.Domain;
using Tandem.Platform.Consistency;

namespace Tandem.Inventory.Data;

/// <summary>
/// Proves the stock ledger over every company: each quant equals the sum of the done move lines into and out of its
/// location; each level equals its quants and holds exactly the open reservations; internal locations are never
/// negative nor reserved beyond what they hold; each product's valuation equals its layers; the inventory
/// account's balance equals the valuation; and each done move that posted its value to the ledger has its entry. A
/// move posts when it is done with a non-zero value: goods coming into an internal location from outside (receipts,
/// customer returns, count gains) or leaving one for outside (deliveries, returns to suppliers, count losses), as
/// Sales deliveries and Purchasing receipts do in their own transactions. Internal transfers, moves between two
/// outside locations and moves at zero cost carry no value and post nothing. Such a move records the entry's number,
/// and a posted entry with that number exists in the move's company.
/// </summary>
internal sealed class StockCheck(InventoryDb db, IAccountingModule accounting) : IConsistencyCheck
{
    public string Name => "stock";

    public async Task<IReadOnlyList<ConsistencyViolation>> RunAsync(CancellationToken ct)
    {
        var violations = new List<ConsistencyViolation>();
        // The check sums millions of move lines; that takes longer than a request's 30 seconds.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var done = db.Moves.IgnoreQueryFilters().Where(m => m.Status == MoveStatus.Done);
        var lines = db.MoveLines.IgnoreQueryFilters();
        var incoming = await lines.Join(done, l => l.MoveId, m => m.Id, (l, m) => new { m.CompanyId, m.ProductId, Location = m.ToLocationId, l.LotId, l.Quantity })
            .GroupBy(x => new { x.CompanyId, x.ProductId, x.Location, x.LotId })
            .Select(g => new { g.Key.CompanyId, g.Key.ProductId, g.Key.Location, g.Key.LotId, Quantity = g.Sum(x => x.Quantity) }).ToListAsync(ct);
        var outgoing = await lines.Join(done, l => l.MoveId, m => m.Id, (l, m) => new { m.CompanyId, m.ProductId, Location = m.FromLocationId, l.LotId, l.Quantity })
            .GroupBy(x => new { x.CompanyId, x.ProductId, x.Location, x.LotId })
            .Select(g => new { g.Key.CompanyId, g.Key.ProductId, g.Key.Location, g.Key.LotId, Quantity = g.Sum(x => x.Quantity) }).ToListAsync(ct);
        var expected = new Dictionary<(Guid Company, Guid Product, Guid Location, Guid Lot), decimal>();
        foreach (var x in incoming)
            expected[(x.CompanyId, x.ProductId, x.Location, x.LotId ?? Guid.Empty)] = expected.GetValueOrDefault((x.CompanyId, x.ProductId, x.Location, x.LotId ?? Guid.Empty)) + x.Quantity;
        foreach (var x in outgoing)
            expected[(x.CompanyId, x.ProductId, x.Location, x.LotId ?? Guid.Empty)] = expected.GetValueOrDefault((x.CompanyId, x.ProductId, x.Location, x.LotId ?? Guid.Empty)) - x.Quantity;

        var internalIds = (await db.Locations.IgnoreQueryFilters().Where(l => l.Kind == LocationKind.Internal).Select(l => l.Id).ToListAsync(ct)).ToHashSet();
        var quants = await db.Quants.IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        foreach (var quant in quants)
        {
            var key = (quant.CompanyId, quant.ProductId, quant.LocationId, quant.LotId);
            var sum = expected.GetValueOrDefault(key);
            if (sum != quant.Quantity)
                violations.Add(new(Name, quant.CompanyId, "quant_not_moves", $"product {quant.ProductId} location {quant.LocationId} lot {quant.LotId}: on hand {quant.Quantity}, done moves {sum}"));
            if (quant.Quantity < 0 && internalIds.Contains(quant.LocationId))
                violations.Add(new(Name, quant.CompanyId, "negative_stock", $"product {quant.ProductId} location {quant.LocationId} lot {quant.LotId}: {quant.Quantity}"));
            expected.Remove(key);
        }
        foreach (var (key, sum) in expected.Where(e => e.Value != 0))
            violations.Add(new(Name, key.Company, "quant_missing", $"product {key.Product} location {key.Location} lot {key.Lot}: done moves {sum} have no on-hand row"));

        var reservations = (await db.Moves.IgnoreQueryFilters().Where(m => m.Status == MoveStatus.Reserved)
            .GroupBy(m => new { m.CompanyId, m.ProductId, m.FromLocationId })
            .Select(g => new { g.Key.CompanyId, g.Key.ProductId, g.Key.FromLocationId, Quantity = g.Sum(m => m.ReservedQuantity) }).ToListAsync(ct))
            .ToDictionary(r => (r.CompanyId, r.ProductId, r.FromLocationId), r => r.Quantity);
        var quantSums = quants.GroupBy(q => (q.CompanyId, q.ProductId, q.LocationId)).ToDictionary(g => g.Key, g => g.Sum(q => q.Quantity));
        var levels = await db.Levels.IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        foreach (var level in levels)
        {
            var key = (level.CompanyId, level.ProductId, level.LocationId);
            if (quantSums.GetValueOrDefault(key) != level.OnHand)
                violations.Add(new(Name, level.CompanyId, "level_not_quants", $"product {level.ProductId} location {level.LocationId}: level {level.OnHand}, quants {quantSums.GetValueOrDefault(key)}"));
            if (reservations.GetValueOrDefault(key) != level.Reserved)
                violations.Add(new(Name, level.CompanyId, "reserved_not_moves", $"product {level.ProductId} location {level.LocationId}: reserved {level.Reserved}, reserved moves {reservations.GetValueOrDefault(key)}"));
            if (internalIds.Contains(level.LocationId) && (level.Reserved > level.OnHand || level.Reserved < 0))
                violations.Add(new(Name, level.CompanyId, "reserved_beyond_on_hand", $"product {level.ProductId} location {level.LocationId}: reserved {level.Reserved}, on hand {level.OnHand}"));
            quantSums.Remove(key);
            reservations.Remove(key);
        }
        foreach (var (key, sum) in quantSums.Where(q => q.Value != 0))
            violations.Add(new(Name, key.CompanyId, "level_missing", $"product {key.ProductId} location {key.LocationId}: quants {sum} have no level row"));
        foreach (var (key, sum) in reservations.Where(r => r.Value != 0))
            violations.Add(new(Name, key.CompanyId, "level_missing", $"product {key.ProductId} location {key.FromLocationId}: reservations {sum} have no level row"));

        var layers = (await db.Layers.IgnoreQueryFilters().GroupBy(l => new { l.CompanyId, l.ProductId })
            .Select(g => new { g.Key.CompanyId, g.Key.ProductId, Quantity = g.Sum(l => l.Quantity), Value = g.Sum(l => l.Value) }).ToListAsync(ct))
            .ToDictionary(l => (l.CompanyId, l.ProductId));
        var internalStock = quants.Where(q => internalIds.Contains(q.LocationId)).GroupBy(q => (q.CompanyId, q.ProductId)).ToDictionary(g => g.Key, g => g.Sum(q => q.Quantity));
        var valuations = await db.Valuations.IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        foreach (var valuation in valuations)
        {
            var key = (valuation.CompanyId, valuation.ProductId);
            var layer = layers.GetValueOrDefault(key);
            if ((layer?.Quantity ?? 0) != valuation.Quantity || (layer?.Value ?? 0) != valuation.Value)
                violations.Add(new(Name, valuation.CompanyId, "valuation_not_layers", $"product {valuation.ProductId}: valuation {valuation.Quantity}/{valuation.Value}, layers {layer?.Quantity}/{layer?.Value}"));
            if (internalStock.GetValueOrDefault(key) != valuation.Quantity)
                violations.Add(new(Name, valuation.CompanyId, "valuation_not_stock", $"product {valuation.ProductId}: valued quantity {valuation.Quantity}, internal on hand {internalStock.GetValueOrDefault(key)}"));
        }

        var valued = valuations.GroupBy(v => v.CompanyId).ToDictionary(g => g.Key, g => g.Sum(v => v.Value));
        foreach (var balance in await accounting.RoleBalancesAsync(ControlRole.Inventory, ct))
        {
            var value = valued.GetValueOrDefault(balance.CompanyId);
            if (value != balance.Balance)
                violations.Add(new(Name, balance.CompanyId, "inventory_account_not_valuation", $"inventory accounts {balance.Balance}, stock valuation {value}"));
            valued.Remove(balance.CompanyId);
        }
        foreach (var (company, value) in valued.Where(v => v.Value != 0))
            violations.Add(new(Name, company, "inventory_account_not_valuation", $"inventory accounts 0, stock valuation {value}"));

        await CheckEntriesAsync(violations, ct);
        return violations;
    }

    /// <summary>Moves read per page, and their entry numbers asked of the ledger per page: memory stays flat over millions.</summary>
    private const int EntryPage = 10_000;

    private async Task CheckEntriesAsync(List<ConsistencyViolation> violations, CancellationToken ct)
    {
        var posting = db.Moves.IgnoreQueryFilters().AsNoTracking().Where(m => m.Status == MoveStatus.Done && m.Value != 0);
        var unnumbered = await posting.Where(m => m.EntryNumber == null || m.EntryNumber == "")
            .Select(m => new { m.CompanyId, m.Number, m.Value }).ToListAsync(ct);
        violations.AddRange(unnumbered.Select(m => new ConsistencyViolation(Name, m.CompanyId, "move_entry_missing",
            $"move {m.Number}: done with value {m.Value} but names no ledger entry")));

        var numbered = posting.Where(m => m.EntryNumber != null && m.EntryNumber != "");
        var companies = await numbered.Select(m => m.CompanyId).Distinct().ToListAsync(ct);
        foreach (var company in companies)
        {
            // Keyset pages in move-number order, which the (company, number) index serves without sorting.
            var after = "";
            while (true)
            {
                var last = after;
                var page = await numbered.Where(m => m.CompanyId == company && string.Compare(m.Number, last) > 0)
                    .OrderBy(m => m.Number).Take(EntryPage)
                    .Select(m => new { m.Number, EntryNumber = m.EntryNumber! })
                    .ToListAsync(ct);
                if (page.Count == 0)
                    break;
                var posted = await accounting.PostedEntriesAsync(page.Select(m => new EntryReference(company, m.EntryNumber)).Distinct().ToList(), ct);
                foreach (var move in page.Where(m => !posted.Contains(new EntryReference(company, m.EntryNumber))))
                {
                    violations.Add(new(Name, company, "move_entry_not_posted",
                        $"move {move.Number}: its entry {move.EntryNumber} is not a posted entry of its company"));
                }
                if (page.Count < EntryPage)
                    break;
                after = page[^1].Number;
            }
        }
    }
}
