using Tandem.SharedKernel;

namespace Tandem.Purchasing.Domain;

internal enum MatchStatus
{
    Matched,
    OnHold,

    /// <summary>On hold, then released by a purchasing user with a note: posts as it is.</summary>
    Released,
}

/// <summary>
/// The three-way match of one vendor bill: whether its lines agree with what was ordered and received, within the
/// company's tolerances. A mismatch holds the bill (it cannot post) until the bill changes so that it matches, or a
/// purchasing user releases it with a note. A release holds for that exact mismatch only.
/// </summary>
internal sealed class BillMatch : Entity
{
    private BillMatch()
    {
    }

    public Guid BillId { get; private set; }
    public Guid SupplierId { get; private set; }
    public MatchStatus Status { get; private set; }
    public string? Reason { get; private set; }
    public string Orders { get; private set; } = "";
    public decimal Amount { get; private set; }
    public CurrencyCode Currency { get; private set; }
    public bool Posted { get; private set; }
    public DateTimeOffset MatchedAt { get; private set; }
    public string? ReleaseNote { get; private set; }
    public string? ReleasedBy { get; private set; }
    public DateTimeOffset? ReleasedAt { get; private set; }

    public bool OnHold => Status == MatchStatus.OnHold;

    public static BillMatch For(Guid billId) => new() { BillId = billId };

    /// <summary>Records a fresh comparison; a release stands only while the reason is the one released.</summary>
    public void Record(Guid supplierId, string? reason, string orders, decimal amount, CurrencyCode currency, DateTimeOffset now)
    {
        if (Posted)
            throw new BusinessRuleException(Error.Conflict("bill_posted", "The bill is posted; its match no longer changes."));
        SupplierId = supplierId;
        Orders = orders;
        Amount = amount;
        Currency = currency;
        MatchedAt = now;
        if (reason is null)
        {
            Status = MatchStatus.Matched;
            Reason = null;
            return;
        }
        if (Status == MatchStatus.Released && Reason == reason)
            return;
        Status = MatchStatus.OnHold;
        Reason = reason;
        ReleaseNote = null;
        ReleasedBy = null;
        ReleasedAt = null;
    }

    public void Release(string note, string user, DateTimeOffset now)
    {
        if (Status != MatchStatus.OnHold)
            throw new BusinessRuleException(Error.Conflict("bill_not_on_hold", "The bill is not on hold."));
        Status = MatchStatus.Released;
        ReleaseNote = note.Trim();
        ReleasedBy = user;
        ReleasedAt = now;
    }

    public void MarkPosted() => Posted = true;

    public void RepointSupplier(Guid supplierId) => SupplierId = supplierId;
}

/// <summary>One bill line against its order line: the numbers the match compares.</summary>
internal sealed record MatchLine(
    int BillLine, string OrderNumber, int OrderLine, decimal Ordered, decimal Received, decimal BilledBefore, decimal OrderedPrice, decimal BilledQuantity, decimal BilledPrice);

/// <summary>The rule of the three-way match: the order, what was received and the bill must agree within tolerances.</summary>
internal static class ThreeWayMatch
{
    /// <summary>
    /// Null when every line matches, else the reasons joined. Per order line, the quantity billed so far (earlier bills
    /// and this one) may exceed neither what was received nor what was ordered by more than the quantity tolerance;
    /// each line's price may differ from the ordered price by at most the price tolerance, either way.
    /// </summary>
    public static string? Check(IReadOnlyList<MatchLine> lines, decimal quantityTolerancePercent, decimal priceTolerancePercent)
    {
        var reasons = new List<string>();
        var billedSoFar = new Dictionary<(string, int), decimal>();
        foreach (var line in lines)
        {
            var key = (line.OrderNumber, line.OrderLine);
            var billed = billedSoFar.GetValueOrDefault(key, line.BilledBefore) + line.BilledQuantity;
            billedSoFar[key] = billed;
            var where = $"bill line {line.BillLine} ({line.OrderNumber} line {line.OrderLine})";
            if (billed > Tolerance.MaxReceivable(line.Received, quantityTolerancePercent))
                reasons.Add($"{where}: billed {billed:0.####}, received {line.Received:0.####}");
            else if (billed > Tolerance.MaxReceivable(line.Ordered, quantityTolerancePercent))
                reasons.Add($"{where}: billed {billed:0.####}, ordered {line.Ordered:0.####}");
            var variance = Tolerance.PriceVariancePercent(line.OrderedPrice, line.BilledPrice);
            if (Math.Abs(variance) > priceTolerancePercent)
                reasons.Add($"{where}: price {line.BilledPrice:0.00##} is {Math.Abs(variance):0.00}% {(variance > 0 ? "above" : "below")} the ordered {line.OrderedPrice:0.00##} (tolerance {priceTolerancePercent:0.##}%)");
        }
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}
