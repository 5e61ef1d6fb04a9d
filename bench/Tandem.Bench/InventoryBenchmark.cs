using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tandem.Host.Seeding;
using Tandem.Platform.Consistency;
using Tandem.Platform.Persistence;
using Tandem.Platform.Seeding;

namespace Tandem.Bench;

/// <summary>
/// The warehouse's workloads on a large stock ledger (PostgreSQL): loads the <c>seed bench</c> catalog and stock moves,
/// then times over HTTP the on-hand levels and the available-to-promise date of one product, the valuation report,
/// and the throughput of receipts posted done (each a move, its on-hand and valuation rows and a ledger entry) from
/// 1 and 4 concurrent clients, and finally runs the stock consistency check on the result.
/// Usage: inventory [--stock-moves 5000000] [--products 10000] [--runs 100] [--receipts 1000] (0: no receipt runs)
/// [--connection "Host=...;Database=..."] (measure a database <c>seed bench</c> loaded before; the sizes then only label the output)
/// </summary>
internal static class InventoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var moves = long.Parse(Bench.Option(args, "--stock-moves", "5000000"), CultureInfo.InvariantCulture);
        var products = Bench.Int(args, "--products", 10_000);
        var runs = Bench.Int(args, "--runs", 100);
        var receipts = Bench.Int(args, "--receipts", 1000);

        var existing = Bench.Option(args, "--connection", "");
        await using var server = await BenchServer.CreateAsync(DatabaseProvider.Postgres, existing.Length > 0 ? existing : null);
        if (server is null)
            return 2;
        var load = Stopwatch.StartNew();
        if (existing.Length == 0)
        {
            await using var scope = server.Scope();
            // The stock postings need the fiscal year the ledger dataset opens; it loads nothing else when it has no invoices.
            var size = new BenchDataSize(Customers: 1, Opportunities: 0, Activities: 0, Invoices: 0, JournalLines: 0, Reps: 1, Products: products, StockMoves: moves);
            await scope.ServiceProvider.GetRequiredService<BenchSeeder>().RunAsync(size, 20261123, null, Console.Out, CancellationToken.None);
        }
        load.Stop();
        await server.StartAsync();
        var client = server.Client;

        var warehouses = (await client.GetFromJsonAsync<JsonElement>("/api/v1/inventory/warehouses")).EnumerateArray().Select(w => w.GetProperty("id").GetGuid()).ToList();
        // A sample of the bench products spread over the catalog (every 50th by SKU), so the reads do not all hit cached rows.
        var sample = new List<Guid>();
        await using (var pg = new NpgsqlConnection(server.ConnectionString))
        {
            await pg.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT id FROM catalog.product WHERE sku LIKE 'BENCH-%' AND right(sku, 2)::int % 50 = 0 ORDER BY sku LIMIT 200", pg);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                sample.Add(reader.GetGuid(0));
        }
        if (sample.Count == 0)
        {
            Console.Error.WriteLine("No bench products: load them with seed bench --products.");
            return 2;
        }
        Guid Product(int i) => sample[(i + sample.Count) % sample.Count];
        Guid Warehouse(int i) => warehouses[(i + warehouses.Count) % warehouses.Count];

        var levels = await Bench.TimesAsync(runs, i => Bench.GetAsync(client, $"/api/v1/inventory/stock/levels?product={Product(i)}"));
        var atp = await Bench.TimesAsync(runs, i => Bench.GetAsync(client, $"/api/v1/inventory/atp?product={Product(i)}&quantity=5&warehouse={Warehouse(i)}"));
        var valuation = await Bench.TimesAsync(Math.Min(runs, 15), _ => Bench.GetAsync(client, "/api/v1/inventory/reports/valuation"));

        var throughput = new List<Throughput>();
        foreach (var clients in receipts > 0 ? new[] { 1, 4 } : [])
            throughput.Add(await ReceiveAsync(client, sample, warehouses, clients, receipts));

        Console.WriteLine();
        Console.WriteLine($"Inventory: {moves:N0} stock moves over {products:N0} products, loaded in {load.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine("| workload | runs | p50 (ms) | p95 (ms) | p99 (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| on hand of one product (levels per location) | {levels.Count} | {Bench.Percentile(levels, 50):F1} | {Bench.Percentile(levels, 95):F1} | {Bench.Percentile(levels, 99):F1} |");
        Console.WriteLine($"| available-to-promise of one product | {atp.Count} | {Bench.Percentile(atp, 50):F1} | {Bench.Percentile(atp, 95):F1} | {Bench.Percentile(atp, 99):F1} |");
        Console.WriteLine($"| valuation report | {valuation.Count} | {Bench.Percentile(valuation, 50):F1} | {Bench.Percentile(valuation, 95):F1} | {Bench.Percentile(valuation, 99):F1} |");
        Console.WriteLine();
        Console.WriteLine("| clients | receipts | receipts/s | p50 (ms) | p95 (ms) | p99 (ms) | failed |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in throughput)
            Console.WriteLine($"| {t.Clients} | {t.Receipts} | {t.PerSecond:F0} | {t.P50:F1} | {t.P95:F1} | {t.P99:F1} | {t.Failed} |");
        Console.WriteLine();

        var check = Stopwatch.StartNew();
        int violations;
        await using (var scope = server.Scope())
        {
            var stock = scope.ServiceProvider.GetServices<IConsistencyCheck>().Single(c => c.Name == "stock");
            violations = (await stock.RunAsync(CancellationToken.None)).Count;
        }
        check.Stop();
        Console.WriteLine($"check stock: {violations} violation(s) in {check.Elapsed.TotalSeconds:F1} s");

        var file = await Bench.WriteResultAsync($"inventory-{moves}", new
        {
            moves, products, runs, loadSeconds = load.Elapsed.TotalSeconds,
            levels = Bench.Summary(levels), atp = Bench.Summary(atp), valuation = Bench.Summary(valuation),
            throughput, checkViolations = violations, checkSeconds = check.Elapsed.TotalSeconds,
        });
        Console.WriteLine($"Results written to {file}");
        return violations == 0 && throughput.All(t => t.Failed == 0) ? 0 : 1;
    }

    private sealed record Throughput(int Clients, int Receipts, double PerSecond, double P50, double P95, double P99, int Failed);

    /// <summary>Each client posts its share of receipts, done at once, of products spread over the sample, as fast as it can.</summary>
    private static async Task<Throughput> ReceiveAsync(HttpClient client, List<Guid> products, List<Guid> warehouses, int clients, int total)
    {
        object Receipt(int i) => new
        {
            kind = "receipt", productId = products[i % products.Count], quantity = 10 + i % 5, warehouseId = warehouses[i % warehouses.Count],
            unitCost = new { amount = (5.5m + i % 200).ToString(CultureInfo.InvariantCulture), currency = "EUR" }, done = true,
        };
        var times = new List<double>[clients];
        var failed = 0;
        await client.PostAsJsonAsync("/api/v1/inventory/moves", Receipt(0)); // warm-up
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            times[c] = [];
            for (var i = c; i < total; i += clients)
            {
                var one = Stopwatch.StartNew();
                var response = await client.PostAsJsonAsync("/api/v1/inventory/moves", Receipt(i + 1));
                times[c].Add(one.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    if (Interlocked.Increment(ref failed) == 1)
                        Console.Error.WriteLine($"receipt refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        watch.Stop();
        var all = times.SelectMany(t => t).Order().ToList();
        return new Throughput(clients, total, total / watch.Elapsed.TotalSeconds, Bench.Percentile(all, 50), Bench.Percentile(all, 95), Bench.Percentile(all, 99), failed);
    }
}
