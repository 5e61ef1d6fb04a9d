using Microsoft.EntityFrameworkCore;
using Tandem.Inventory.Data;
using Tandem.Inventory.Domain;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Features.Moves;

internal sealed record LotQuantity(Guid LotId, decimal Quantity);

/// <summary>
/// Turns the lots or serials a person names on a move into the lines it is completed with. An incoming move of a
/// tracked product creates its lots (a serial only once ever); any other move must name existing lots or serials
/// that add up to its quantity.
/// </summary>
internal static class LotLines
{
    public static async Task<Result<IReadOnlyList<LotQuantity>>> ResolveAsync(
        InventoryDb db, StockMove move, Tracking tracking, bool incoming, IReadOnlyList<MoveLineInput> inputs, DateTimeOffset now, CancellationToken ct)
    {
        if (tracking == Tracking.None)
        {
            if (inputs.Any(i => !string.IsNullOrWhiteSpace(i.Lot) || !string.IsNullOrWhiteSpace(i.Serial)))
                return Error.Validation("lines", "This product is not tracked by lot or serial.");
            return Result<IReadOnlyList<LotQuantity>>.Success([new LotQuantity(Guid.Empty, move.Quantity)]);
        }
        if (inputs.Count > 10_000)
            return Error.Validation("lines", "At most 10,000 lines.");
        if (inputs.Any(i => (i.Lot?.Length ?? 0) > 60 || (i.Serial?.Length ?? 0) > 60))
            return Error.Validation("lines", "Lot and serial numbers have at most 60 characters.");

        List<(string Number, decimal Quantity, DateOnly? Expiry)> named;
        if (tracking == Tracking.Serial)
        {
            var serials = inputs.Select(i => (i.Serial ?? i.Lot)?.Trim()).ToList();
            if (decimal.Truncate(move.Quantity) != move.Quantity || serials.Count != move.Quantity || serials.Any(string.IsNullOrEmpty))
            {
                return new Error("serial_required", $"A serial-tracked product moves one serial number per unit: give {move.Quantity} serial numbers.")
                {
                    Fields = new Dictionary<string, string[]> { ["lines"] = [$"{move.Quantity} serial numbers."] },
                };
            }
            if (serials.GroupBy(s => s, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
                return Error.Conflict("serial_duplicate", $"Serial number {twice.Key} is given twice.");
            named = inputs.Select((i, n) => (serials[n]!, 1m, i.ExpiryDate)).ToList();
        }
        else
        {
            if (inputs.Count == 0 || inputs.Any(i => string.IsNullOrWhiteSpace(i.Lot)))
            {
                return new Error("lot_required", "A lot-tracked product moves with its lot numbers.")
                {
                    Fields = new Dictionary<string, string[]> { ["lines"] = ["Each line needs a lot."] },
                };
            }
            var quantities = inputs.Select(i => i.Quantity ?? (inputs.Count == 1 ? move.Quantity : 0m)).ToList();
            if (quantities.Any(q => q <= 0 || decimal.Round(q, 4) != q))
                return Error.Validation("lines", "Each lot line needs a quantity greater than zero.");
            named = inputs.Select((i, n) => (i.Lot!.Trim(), quantities[n], i.ExpiryDate))
                .GroupBy(l => l.Item1, StringComparer.OrdinalIgnoreCase)
                .Select(g => (g.First().Item1, g.Sum(l => l.Item2), g.First().ExpiryDate)).ToList();
        }
        if (named.Sum(n => n.Quantity) != move.Quantity)
            return Error.Validation("lines", $"The lines add up to {named.Sum(n => n.Quantity)}, the move is of {move.Quantity}.");

        var numbers = named.Select(n => n.Number).ToList();
        var existing = await db.Lots.Where(l => l.ProductId == move.ProductId && numbers.Contains(l.Number)).ToListAsync(ct);
        var lines = new List<LotQuantity>();
        foreach (var (number, quantity, expiry) in named)
        {
            var lot = existing.FirstOrDefault(l => string.Equals(l.Number, number, StringComparison.OrdinalIgnoreCase));
            if (incoming)
            {
                if (lot is not null && tracking == Tracking.Serial)
                    return Error.Conflict("serial_duplicate", $"Serial number {number} already exists for this product.");
                if (lot is null)
                {
                    lot = Lot.Receive(move.ProductId, number, tracking == Tracking.Serial, expiry, move.PartyId, move.Id, now);
                    db.Lots.Add(lot);
                }
            }
            else if (lot is null)
            {
                return new Error(tracking == Tracking.Serial ? "serial_unknown" : "lot_unknown", $"There is no {(tracking == Tracking.Serial ? "serial" : "lot")} {number} of this product.")
                {
                    Fields = new Dictionary<string, string[]> { ["lines"] = [$"{number} is unknown."] },
                };
            }
            lines.Add(new LotQuantity(lot.Id, quantity));
        }
        return Result<IReadOnlyList<LotQuantity>>.Success(lines);
    }
}
