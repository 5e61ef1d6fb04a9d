using BenchmarkDotNet.Attributes;
using Tandem.Sales.Domain;
using Tandem.SharedKernel;

namespace Tandem.MicroBench;

/// <summary>A quote of N lines priced as the quote screen and API do: discount, line amount, tax, document totals.</summary>
[MemoryDiagnoser]
public class SalesPricingBenchmarks
{
    private PricedLine[] _lines = [];
    private QuoteHeader _header = null!;
    private readonly DateTimeOffset _now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Params(1, 10, 100)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var vat = new LineTax(Guid.NewGuid(), "VAT20", 20m, false);
        var gross = new LineTax(Guid.NewGuid(), "VAT20G", 20m, true);
        var today = new DateOnly(2026, 12, 1);
        _lines = Enumerable.Range(0, Lines).Select(i => new PricedLine(
            Guid.NewGuid(), false, $"Product {i}", random.Next(1, 50), "pc", random.Next(100, 100_000) / 100m, "price_list",
            i % 3 == 0 ? 5m : 0m, (i % 4) switch { 0 => null, 1 => gross, _ => vat }, today.AddDays(i % 7), "stock")).ToArray();
        _header = new QuoteHeader(Guid.NewGuid(), null, null, Guid.NewGuid(), CurrencyCode.Eur, today, today.AddDays(30), null);
    }

    [Benchmark]
    public decimal PriceLines()
    {
        var total = 0m;
        var currency = _header.Currency;
        foreach (var line in _lines)
            total += Pricing.Line(line.Quantity, line.UnitPrice, line.DiscountPercent, line.Tax, currency).Gross;
        return total;
    }

    [Benchmark]
    public decimal DraftQuote() => Quote.Draft("Q-2026-00001", _header, _lines, _now).Total;
}
