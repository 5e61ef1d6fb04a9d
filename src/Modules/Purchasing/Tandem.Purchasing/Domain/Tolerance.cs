namespace Tandem.Purchasing.Domain;

/// <summary>The arithmetic of the company's tolerances: percentages of the ordered quantity and price.</summary>
internal static class Tolerance
{
    /// <summary>The most that may be received on a line: the ordered quantity plus the tolerance, to 4 decimals (rounded down).</summary>
    public static decimal MaxReceivable(decimal ordered, decimal tolerancePercent) =>
        decimal.Round(ordered * (100m + tolerancePercent) / 100m, 4, MidpointRounding.ToZero);

    /// <summary>How far the billed price is from the ordered one, in percent of the ordered price (positive: dearer), to 2 decimals.</summary>
    public static decimal PriceVariancePercent(decimal orderedPrice, decimal billedPrice) =>
        orderedPrice == 0m
            ? (billedPrice == 0m ? 0m : 100m)
            : decimal.Round((billedPrice - orderedPrice) * 100m / orderedPrice, 2, MidpointRounding.AwayFromZero);
}
