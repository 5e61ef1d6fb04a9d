using System.Globalization;
using Tandem.Inventory.Contracts;

namespace Tandem.Purchasing.Features.Receipts;

/// <summary>Reads the lot or serial numbers typed (or scanned) on the receive form: "S-1, S-2" or "LOT-1: 40, LOT-2: 20".</summary>
internal static class LotEntries
{
    public static IReadOnlyList<LotEntry>? Parse(string? text, string tracking, DateOnly? expiry)
    {
        if (tracking == "none" || string.IsNullOrWhiteSpace(text))
            return null;
        var parts = text.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tracking == "serial")
            return parts.SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(s => new LotEntry(Serial: s)).ToList();
        return parts.Select(p =>
        {
            var colon = p.LastIndexOf(':');
            if (colon > 0 && decimal.TryParse(p[(colon + 1)..].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity))
                return new LotEntry(p[..colon].Trim(), Quantity: quantity, ExpiryDate: expiry);
            return new LotEntry(p, ExpiryDate: expiry);
        }).ToList();
    }
}
