using Tandem.Purchasing.Domain;
using Tandem.SharedKernel;

namespace Tandem.Purchasing.Tests.Domain;

public sealed class ToleranceAndMatchTests
{
    [Theory]
    // 10 × 1.05 = 10.5; 7 × 1.025 = 7.175; 3 × 1.3333 = 3.9999 (rounded down, never above the tolerance); 0 % leaves 12.
    [InlineData(10, 5, 10.5)]
    [InlineData(7, 2.5, 7.175)]
    [InlineData(3, 33.33, 3.9999)]
    [InlineData(12, 0, 12)]
    public void Max_receivable_is_ordered_plus_the_tolerance(decimal ordered, decimal percent, decimal expected) =>
        Assert.Equal(expected, Tolerance.MaxReceivable(ordered, percent));

    [Theory]
    // (10.15 − 10.00) / 10.00 = 1.50 %; (9.70 − 10.00) / 10.00 = −3.00 %; (21 − 20) / 20 = 5.00 %; (1.01 − 3) / 3 = −66.333 → −66.33 %.
    [InlineData(10.00, 10.15, 1.50)]
    [InlineData(10.00, 9.70, -3.00)]
    [InlineData(20.00, 21.00, 5.00)]
    [InlineData(3.00, 1.01, -66.33)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 1, 100)]
    public void Price_variance_is_a_percentage_of_the_ordered_price(decimal ordered, decimal billed, decimal expected) =>
        Assert.Equal(expected, Tolerance.PriceVariancePercent(ordered, billed));

    [Fact]
    public void A_price_variance_within_tolerance_matches_and_beyond_it_holds_with_the_reason()
    {
        // Ordered 10 @ 10.00, received 10. Billed 10 @ 10.15: +1.50 % ≤ 2 %: matches.
        var within = new MatchLine(1, "PO2025-00001", 1, Ordered: 10m, Received: 10m, BilledBefore: 0m, OrderedPrice: 10.00m, BilledQuantity: 10m, BilledPrice: 10.15m);
        Assert.Null(ThreeWayMatch.Check([within], quantityTolerancePercent: 0m, priceTolerancePercent: 2m));

        // Billed 10 @ 10.25: +2.50 % > 2 %: on hold; the bill's total is 102.50 against 100.00 ordered.
        var beyond = within with { BilledPrice = 10.25m };
        Assert.Equal("bill line 1 (PO2025-00001 line 1): price 10.25 is 2.50% above the ordered 10.00 (tolerance 2%)",
            ThreeWayMatch.Check([beyond], 0m, 2m));

        // Cheaper beyond tolerance holds too: 9.70 is 3.00 % below.
        Assert.Contains("3.00% below", ThreeWayMatch.Check([within with { BilledPrice = 9.70m }], 0m, 2m), StringComparison.Ordinal);
    }

    [Fact]
    public void Billing_more_than_was_received_holds_counting_earlier_bills_and_the_quantity_tolerance()
    {
        // Ordered 10, received 6, billed 4 before: 4 + 3 = 7 > 6: on hold.
        var line = new MatchLine(2, "PO2025-00002", 1, Ordered: 10m, Received: 6m, BilledBefore: 4m, OrderedPrice: 5m, BilledQuantity: 3m, BilledPrice: 5m);
        Assert.Equal("bill line 2 (PO2025-00002 line 1): billed 7, received 6", ThreeWayMatch.Check([line], 0m, 0m));
        // With a 20 % quantity tolerance 6 × 1.2 = 7.2 ≥ 7: matches.
        Assert.Null(ThreeWayMatch.Check([line], 20m, 0m));
        // Two lines of one bill on the same order line add up: 2 + 2 = 4 ≤ 6, but 4 + 2 + 2 = 8 > 6.
        var first = line with { BilledBefore = 0m, BilledQuantity = 2m };
        Assert.Null(ThreeWayMatch.Check([first, first with { BillLine = 3 }], 0m, 0m));
        Assert.NotNull(ThreeWayMatch.Check([first, first with { BillLine = 3 }, first with { BillLine = 4 }, first with { BillLine = 5 }], 0m, 0m));
    }

    [Fact]
    public void A_release_stands_for_the_mismatch_it_released_and_a_new_mismatch_holds_again()
    {
        var match = BillMatch.For(Guid.NewGuid());
        var supplier = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        match.Record(supplier, "price 10.25 is 2.50% above", "PO1", 102.5m, CurrencyCode.Eur, now);
        Assert.True(match.OnHold);
        match.Release("Supplier's new price list, agreed by phone", "ann", now);
        Assert.False(match.OnHold);
        match.Record(supplier, "price 10.25 is 2.50% above", "PO1", 102.5m, CurrencyCode.Eur, now);
        Assert.Equal(MatchStatus.Released, match.Status);
        match.Record(supplier, "price 10.40 is 4.00% above", "PO1", 104m, CurrencyCode.Eur, now);
        Assert.Equal(MatchStatus.OnHold, match.Status);
        Assert.Null(match.ReleaseNote);
        match.Record(supplier, null, "PO1", 100m, CurrencyCode.Eur, now);
        Assert.Equal(MatchStatus.Matched, match.Status);
        Assert.Equal("bill_not_on_hold", Assert.Throws<BusinessRuleException>(() => match.Release("again", "ann", now)).Error.Code);
    }

    [Fact]
    public void The_supplier_with_the_cheapest_valid_price_for_the_quantity_is_chosen()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var date = new DateOnly(2025, 3, 10);
        var eur = CurrencyCode.Eur;
        PriceOffer[] offers =
        [
            new(a, 1m, 2.10m, eur, null, null),
            new(a, 100m, 1.95m, eur, null, null),                                  // volume price from 100
            new(b, 1m, 1.90m, eur, null, new DateOnly(2025, 2, 28)),               // cheapest, but expired
            new(b, 50m, 2.00m, eur, new DateOnly(2025, 3, 1), null),
            new(c, 1m, 1.50m, new CurrencyCode("USD"), null, null),                // another currency, not compared
        ];
        // 40: a 2.10 (b's 2.00 needs 50; b's 1.90 expired) → a at 2.10.
        Assert.Equal((a, 2.10m), Pick(40m));
        // 60: b 2.00 < a 2.10 → b.
        Assert.Equal((b, 2.00m), Pick(60m));
        // 100: a's volume price 1.95 < b's 2.00 → a.
        Assert.Equal((a, 1.95m), Pick(100m));
        // In February b's 1.90 is valid and its 2.00 is not yet: b at 1.90.
        Assert.Equal((b, 1.90m), (SupplierChoice.Best(offers, 60m, new DateOnly(2025, 2, 15), eur, null)!.SupplierId, SupplierChoice.Best(offers, 60m, new DateOnly(2025, 2, 15), eur, null)!.UnitPrice));
        // Only another currency's price applies: it is still offered.
        Assert.Equal(c, SupplierChoice.Best(offers.Where(o => o.SupplierId == c), 1m, date, eur, null)!.SupplierId);
        Assert.Null(SupplierChoice.Best(offers.Where(o => o.SupplierId == b), 10m, date, eur, null));
        // On equal prices the preferred supplier wins.
        PriceOffer[] tie = [new(a, 1m, 3m, eur, null, null), new(b, 1m, 3m, eur, null, null)];
        Assert.Equal(b, SupplierChoice.Best(tie, 1m, date, eur, preferredSupplier: b)!.SupplierId);
        Assert.Equal(a, SupplierChoice.Best(tie, 1m, date, eur, preferredSupplier: a)!.SupplierId);

        (Guid, decimal) Pick(decimal quantity)
        {
            var best = SupplierChoice.Best(offers, quantity, date, eur, null)!;
            return (best.SupplierId, best.UnitPrice);
        }
    }
}
