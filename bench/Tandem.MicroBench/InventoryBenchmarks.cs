using BenchmarkDotNet.Attributes;
using Tandem.Inventory.Domain;

namespace Tandem.MicroBench;

/// <summary>A promise date from a stock projection of N open receipts and issues, as every quote line asks for one.</summary>
[MemoryDiagnoser]
public class InventoryBenchmarks
{
    private (DateOnly Date, decimal Change, string Reference)[] _events = [];
    private readonly DateOnly _today = new(2026, 12, 1);

    [Params(10, 100, 1000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _events = Enumerable.Range(0, Events).Select(i => (
            _today.AddDays(random.Next(-3, 90)),
            i % 3 == 0 ? (decimal)random.Next(10, 200) : -(decimal)random.Next(1, 60),
            $"WH/{(i % 3 == 0 ? "IN" : "OUT")}/{i:00000}")).ToArray();
    }

    [Benchmark]
    public DateOnly? PromiseDate() => AvailableToPromise.Project(_today, 120m, _events, 80m).Date;
}
