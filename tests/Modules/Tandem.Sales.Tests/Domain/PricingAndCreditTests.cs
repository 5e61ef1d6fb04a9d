using Tandem.Sales.Domain;
using Tandem.SharedKernel;

namespace Tandem.Sales.Tests.Domain;

public sealed class PricingAndCreditTests
{
    private static readonly CurrencyCode Eur = CurrencyCode.Eur;

    [Fact]
    public void A_discount_comes_off_the_unit_price_before_the_line_is_taxed()
    {
        // 19.99 − 15 % = 16.9915; × 3 = 50.9745 → 50.97; VAT 20 % = 10.194 → 10.19; gross 61.16.
        var line = Pricing.Line(3m, 19.99m, 15m, new LineTax(Guid.NewGuid(), "VAT20", 20m, false), Eur);
        Assert.Equal(new LineAmounts(16.9915m, 50.97m, 10.19m, 61.16m), line);
    }

    [Fact]
    public void Gross_prices_have_their_tax_taken_out()
    {
        // 2 × 60.00 = 120.00 gross at 20 % included: tax 120 × 20 / 120 = 20.00, net 100.00.
        var line = Pricing.Line(2m, 60m, 0m, new LineTax(Guid.NewGuid(), "VAT20G", 20m, true), Eur);
        Assert.Equal(new LineAmounts(60m, 100m, 20m, 120m), line);
    }

    [Fact]
    public void Untaxed_lines_are_quantity_times_the_net_unit_price_rounded_to_the_currency()
    {
        // 7 × 0.3333 = 2.3331 → 2.33.
        Assert.Equal(new LineAmounts(0.3333m, 2.33m, 0m, 2.33m), Pricing.Line(7m, 0.3333m, 0m, null, Eur));
    }

    [Fact]
    public void Exposure_adds_open_receivables_uninvoiced_orders_and_the_document()
    {
        // 700 + 1,100 + 250 = 2,050 > 2,000: over the limit.
        var over = new CreditFigures(700m, 1100m, 250m, 2000m, 0m, 0, "EUR");
        Assert.Equal(2050m, over.Exposure);
        Assert.True(over.OverLimit);
        Assert.True(over.Blocked);
        Assert.Equal("credit_limit_exceeded", over.ToError().Code);

        // Exactly at the limit is allowed; no limit means unlimited.
        Assert.False(new CreditFigures(700m, 1100m, 200m, 2000m, 0m, 0, "EUR").Blocked);
        Assert.False(new CreditFigures(1_000_000m, 0m, 1m, null, 0m, 0, "EUR").Blocked);
    }

    [Fact]
    public void Overdue_items_block_new_credit_whatever_the_limit_leaves()
    {
        var overdue = new CreditFigures(100m, 0m, 50m, 10_000m, 100m, 15, "EUR");
        Assert.False(overdue.OverLimit);
        Assert.True(overdue.Blocked);
        Assert.Contains("15-day", overdue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_currency_without_a_rate_blocks_only_a_customer_with_a_limit()
    {
        var day = new DateOnly(2026, 3, 2);
        // 100.00 EUR open; the USD document could not be converted, so it counts 0 in EUR and the exposure is unknown.
        var limited = new CreditFigures(100m, 0m, 0m, 5000m, 0m, 0, "EUR") { DocumentAmount = 250m, DocumentCurrency = "USD", RateDate = day, RateMissing = "USD" };
        Assert.False(limited.OverLimit);
        Assert.True(limited.Blocked);
        var error = limited.ToError();
        Assert.Equal(("currency_rate_missing", ErrorKind.Rule, "USD", "2026-03-02"), (error.Code, error.Kind, error.Data!["currency"], error.Data["date"]));
        Assert.StartsWith("No USD exchange rate on or before 2026-03-02", error.Message, StringComparison.Ordinal);

        // Without a limit nothing needs weighing: not blocked.
        Assert.False((limited with { Limit = null }).Blocked);
        // In the company currency the document's own amount is the document.
        Assert.Equal((250m, "EUR"), (new CreditFigures(0m, 0m, 250m, null, 0m, 0, "EUR").DocumentAmount, new CreditFigures(0m, 0m, 250m, null, 0m, 0, "EUR").DocumentCurrency));
    }
}
