using Tandem.SharedKernel;

namespace Tandem.Platform.Tests.Domain;

public class MoneyTests
{
    [Fact]
    public void Adding_two_currencies_is_refused()
    {
        var euros = new Money(10m, CurrencyCode.Eur);
        var dollars = new Money(10m, CurrencyCode.Usd);
        Assert.Throws<CurrencyMismatchException>(() => euros + dollars);
    }

    [Fact]
    public void Amounts_in_one_currency_add_exactly()
    {
        // 0.1 + 0.2 is 0.3 exactly in decimal (it is 0.30000000000000004 in double).
        var sum = new Money(0.1m, CurrencyCode.Eur) + new Money(0.2m, CurrencyCode.Eur);
        Assert.Equal(new Money(0.3m, CurrencyCode.Eur), sum);
    }

    [Fact]
    public void Round_uses_the_currency_minor_unit_half_away_from_zero()
    {
        Assert.Equal(2.68m, new Money(2.675m, CurrencyCode.Eur).Round().Amount);
        Assert.Equal(1235m, new Money(1234.5m, new CurrencyCode("JPY")).Round().Amount);
        Assert.Equal(1.235m, new Money(1.2345m, new CurrencyCode("KWD")).Round().Amount);
    }

    [Fact]
    public void Comparing_two_currencies_is_refused()
    {
        Assert.Throws<CurrencyMismatchException>(() => new Money(1m, CurrencyCode.Eur) > new Money(2m, CurrencyCode.Usd));
    }

    [Theory]
    [InlineData("EUR", true)]
    [InlineData("eur", false)]
    [InlineData("EURO", false)]
    [InlineData("", false)]
    public void Currency_codes_are_three_capital_letters(string code, bool valid) =>
        Assert.Equal(valid, CurrencyCode.IsValid(code));

    [Fact]
    public void Quantities_in_different_units_do_not_add()
    {
        Assert.Throws<InvalidOperationException>(() => new Quantity(1m, "kg") + new Quantity(1m, "pc"));
        Assert.Equal(new Quantity(3.5m, "kg"), new Quantity(1.25m, "kg") + new Quantity(2.25m, "kg"));
    }
}
