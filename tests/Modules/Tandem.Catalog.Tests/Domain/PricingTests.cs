using Tandem.Catalog.Domain;
using Tandem.SharedKernel;

namespace Tandem.Catalog.Tests.Domain;

public class PriceBreakTests
{
    private static readonly Guid Tube = Guid.NewGuid();

    // Inner tubes: 6.00 each from 1, 5.50 from 10, 4.90 from 50.
    private static readonly PriceBreak[] Breaks = [new(Tube, 1, 6.00m), new(Tube, 10, 5.50m), new(Tube, 50, 4.90m)];

    [Theory]
    [InlineData(1, 6.00)]
    [InlineData(9, 6.00)]
    [InlineData(10, 5.50)]
    [InlineData(49.5, 5.50)]
    [InlineData(50, 4.90)]
    [InlineData(1000, 4.90)]
    public void The_largest_minimum_the_quantity_reaches_sets_the_price(decimal quantity, decimal price) =>
        Assert.Equal(price, PriceBreaks.For(Breaks, quantity)!.Price);

    [Fact]
    public void A_quantity_below_every_minimum_has_no_list_price() =>
        Assert.Null(PriceBreaks.For(Breaks, 0.5m));

    [Fact]
    public void A_list_applies_from_its_first_to_its_last_day()
    {
        var list = PriceList.Create("retail", "Retail 2026", CurrencyCode.Eur, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Breaks);
        Assert.Equal("RETAIL", list.Code);
        Assert.False(list.IsValidOn(new DateOnly(2025, 12, 31)));
        Assert.True(list.IsValidOn(new DateOnly(2026, 1, 1)));
        Assert.True(list.IsValidOn(new DateOnly(2026, 12, 31)));
        Assert.False(list.IsValidOn(new DateOnly(2027, 1, 1)));
        var open = PriceList.Create("retail", "Retail 2027", CurrencyCode.Eur, new DateOnly(2027, 1, 1), null, []);
        Assert.True(open.IsValidOn(new DateOnly(2099, 6, 1)));
    }

    [Fact]
    public void A_list_that_ends_before_it_starts_is_refused()
    {
        var error = Assert.Throws<BusinessRuleException>(() =>
            PriceList.Create("X", "X", CurrencyCode.Eur, new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 31), []));
        Assert.Equal("invalid_validity", error.Error.Code);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-12-31", "2027-01-01", null, false)]
    [InlineData("2026-01-01", "2026-12-31", "2026-12-31", null, true)]
    [InlineData("2026-01-01", null, "2030-01-01", "2030-02-01", true)]
    [InlineData("2026-06-01", "2026-06-30", "2026-01-01", "2026-05-31", false)]
    [InlineData("2026-06-01", "2026-06-30", "2026-01-01", "2026-06-01", true)]
    public void Versions_overlap_when_they_share_a_day(string fromA, string? toA, string fromB, string? toB, bool overlap) =>
        Assert.Equal(overlap, PriceList.Overlap(DateOnly.Parse(fromA, System.Globalization.CultureInfo.InvariantCulture), Date(toA),
            DateOnly.Parse(fromB, System.Globalization.CultureInfo.InvariantCulture), Date(toB)));

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

public class UnitConversionTests
{
    private static readonly UnitOfMeasure Piece = UnitOfMeasure.Create("pc", "Piece", "count", 1m);
    private static readonly UnitOfMeasure Box = UnitOfMeasure.Create("box12", "Box of 12", "count", 12m);
    private static readonly UnitOfMeasure Kilogram = UnitOfMeasure.Create("kg", "Kilogram", "Mass", 1m);
    private static readonly UnitOfMeasure Gram = UnitOfMeasure.Create("g", "Gram", "mass", 0.001m);

    [Fact]
    public void Boxes_of_twelve_become_pieces_and_back()
    {
        // 3 boxes × 12 = 36 pieces; 30 pieces ÷ 12 = 2.5 boxes.
        Assert.Equal(36m, Box.Convert(3m, Piece).Value);
        Assert.Equal(2.5m, Piece.Convert(30m, Box).Value);
    }

    [Fact]
    public void Grams_become_kilograms()
    {
        // 1250 g × 0.001 = 1.25 kg.
        Assert.Equal(1.25m, Gram.Convert(1250m, Kilogram).Value);
        Assert.Equal("mass", Kilogram.Dimension);
    }

    [Fact]
    public void Units_of_different_dimensions_do_not_convert() =>
        Assert.Equal("unit_dimension_mismatch", Piece.Convert(1m, Kilogram).Error!.Code);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0.0000001)]
    public void A_factor_must_be_positive_with_at_most_six_decimals(decimal factor) =>
        Assert.Contains("factor", UnitOfMeasure.Validate("x", "X", "count", factor)!.Fields!.Keys);
}
