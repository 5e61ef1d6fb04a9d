using BenchmarkDotNet.Attributes;
using Tandem.SharedKernel;

namespace Tandem.MicroBench;

/// <summary>The arithmetic every priced line and every total does: multiply, round to the currency, add in one currency.</summary>
[MemoryDiagnoser]
public class MoneyBenchmarks
{
    private Money[] _amounts = [];

    [Params(1, 10, 100)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _amounts = Enumerable.Range(0, Lines).Select(_ => new Money(random.Next(1, 1_000_000) / 100m, CurrencyCode.Eur)).ToArray();
    }

    [Benchmark]
    public Money MultiplyRoundAndSum()
    {
        var total = Money.Zero(CurrencyCode.Eur);
        foreach (var amount in _amounts)
            total += (amount * 1.075m).Round();
        return total;
    }

    [Benchmark]
    public int CurrencyMinorUnits()
    {
        var digits = 0;
        foreach (var amount in _amounts)
            digits += amount.Currency.MinorUnits;
        return digits;
    }

    [Benchmark]
    public bool CurrencyFromCode()
    {
        var valid = true;
        for (var i = 0; i < Lines; i++)
            valid &= new CurrencyCode("EUR") == CurrencyCode.Eur;
        return valid;
    }
}
