using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Host.Seeding;
using Tandem.Platform.Consistency;
using Tandem.Platform.Persistence;
using Tandem.Platform.Seeding;

namespace Tandem.Bench;

/// <summary>
/// The accountants' workloads on a large ledger (PostgreSQL): loads the <c>seed bench</c> ledger, then times the trial
/// balance for the year and the aged receivables over HTTP, the posting throughput of four-line entries with 1 and 4
/// concurrent writers, and finally runs the ledger consistency check on the result.
/// Usage: ledger [--journal-lines 10000000] [--invoices 1000000] [--customers 100000] [--runs 15] [--postings 2000] (0: no posting runs)
/// [--connection "Host=...;Database=..."] (measure a database <c>seed bench</c> loaded before; the sizes then only label the output)
/// </summary>
internal static class LedgerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var lines = long.Parse(Bench.Option(args, "--journal-lines", "10000000"), CultureInfo.InvariantCulture);
        var invoices = Bench.Int(args, "--invoices", 1_000_000);
        var customers = Bench.Int(args, "--customers", 100_000);
        var runs = Bench.Int(args, "--runs", 15);
        var postings = Bench.Int(args, "--postings", 2000);

        var existing = Bench.Option(args, "--connection", "");
        await using var server = await BenchServer.CreateAsync(DatabaseProvider.Postgres, existing.Length > 0 ? existing : null);
        if (server is null)
            return 2;
        var load = Stopwatch.StartNew();
        if (existing.Length == 0)
        {
            await using var scope = server.Scope();
            var size = new BenchDataSize(customers, Opportunities: 0, Activities: 0, Invoices: invoices, JournalLines: lines, Reps: 1);
            await scope.ServiceProvider.GetRequiredService<BenchSeeder>().RunAsync(size, 20261123, null, Console.Out, CancellationToken.None);
        }
        load.Stop();
        await server.StartAsync();
        var client = server.Client;
        var year = DateTime.UtcNow.Year;

        Task Get(string url) => Bench.GetAsync(client, url);

        var trialBalance = await Bench.TimesAsync(runs, _ => Get($"/api/v1/accounting/reports/trial-balance?from={year}-01-01&to={year}-12-31"));
        var trialBalanceCompared = await Bench.TimesAsync(runs, _ => Get($"/api/v1/accounting/reports/trial-balance?from={year}-01-01&to={year}-12-31&compare=previous-year"));
        var aged = await Bench.TimesAsync(runs, _ => Get("/api/v1/accounting/reports/aged-receivables"));
        var agedExport = await Bench.TimesAsync(Math.Min(runs, 5), _ => Get("/api/v1/accounting/reports/aged-receivables?format=csv"));

        var chart = await client.GetFromJsonAsync<JsonElement>("/api/v1/accounting/accounts");
        var accounts = chart.EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!, a => a.GetProperty("id").GetGuid());
        var throughput = new List<Throughput>();
        foreach (var writers in postings > 0 ? new[] { 1, 4 } : [])
            throughput.Add(await PostAsync(client, accounts, writers, postings, year));

        Console.WriteLine();
        Console.WriteLine($"Ledger: {lines:N0} journal lines, {invoices:N0} open invoices, {customers:N0} customers, loaded in {load.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine("| workload | runs | p50 (ms) | p95 (ms) |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| trial balance, year {year} | {runs} | {Bench.Percentile(trialBalance, 50):F1} | {Bench.Percentile(trialBalance, 95):F1} |");
        Console.WriteLine($"| trial balance against the previous year | {runs} | {Bench.Percentile(trialBalanceCompared, 50):F1} | {Bench.Percentile(trialBalanceCompared, 95):F1} |");
        Console.WriteLine($"| aged receivables, {invoices:N0} open items: totals and the first page | {aged.Count} | {Bench.Percentile(aged, 50):F1} | {Bench.Percentile(aged, 95):F1} |");
        Console.WriteLine($"| aged receivables as CSV, every customer | {agedExport.Count} | {Bench.Percentile(agedExport, 50):F1} | {Bench.Percentile(agedExport, 95):F1} |");
        Console.WriteLine();
        Console.WriteLine("| writers | entries | entries/s | p50 (ms) | p95 (ms) | p99 (ms) | failed |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in throughput)
            Console.WriteLine($"| {t.Writers} | {t.Entries} | {t.PerSecond:F0} | {t.P50:F1} | {t.P95:F1} | {t.P99:F1} | {t.Failed} |");
        Console.WriteLine();
        var check = Stopwatch.StartNew();
        int violations;
        await using (var scope = server.Scope())
        {
            var ledger = scope.ServiceProvider.GetServices<IConsistencyCheck>().Single(c => c.Name == "ledger");
            violations = (await ledger.RunAsync(CancellationToken.None)).Count;
        }
        check.Stop();

        Console.WriteLine($"check ledger: {violations} violation(s) in {check.Elapsed.TotalSeconds:F1} s");

        var file = await Bench.WriteResultAsync($"ledger-{lines}", new
        {
            lines, invoices, customers, runs, loadSeconds = load.Elapsed.TotalSeconds,
            trialBalance = Bench.Summary(trialBalance), trialBalanceCompared = Bench.Summary(trialBalanceCompared), agedReceivables = Bench.Summary(aged), agedReceivablesCsv = Bench.Summary(agedExport),
            throughput, checkViolations = violations, checkSeconds = check.Elapsed.TotalSeconds,
        });
        Console.WriteLine($"Results written to {file}");
        return violations == 0 && throughput.All(t => t.Failed == 0) ? 0 : 1;
    }

    private sealed record Throughput(int Writers, int Entries, double PerSecond, double P50, double P95, double P99, int Failed);

    /// <summary>Each writer posts its share of four-line entries (two expenses paid from bank and cash) as fast as it can.</summary>
    private static async Task<Throughput> PostAsync(HttpClient client, Dictionary<string, Guid> accounts, int writers, int total, int year)
    {
        var times = new List<double>[writers];
        var failed = 0;
        static object Eur(decimal amount) => new { amount = amount.ToString(CultureInfo.InvariantCulture), currency = "EUR" };
        object Entry(int i) => new
        {
            date = $"{year}-{1 + i % 11:D2}-{1 + i % 28:D2}",
            description = $"Bench posting {i}",
            lines = new object[]
            {
                new { accountId = accounts["6300"], debit = Eur(10 + i % 90), dimension = "dept-" + (i % 12) },
                new { accountId = accounts["6200"], debit = Eur(5 + i % 40) },
                new { accountId = accounts["1000"], credit = Eur(10 + i % 90) },
                new { accountId = accounts["1010"], credit = Eur(5 + i % 40) },
            },
        };
        await client.PostAsJsonAsync("/api/v1/accounting/journal-entries?post=true", Entry(0)); // warm-up
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            times[w] = [];
            for (var i = w; i < total; i += writers)
            {
                var one = Stopwatch.StartNew();
                var response = await client.PostAsJsonAsync("/api/v1/accounting/journal-entries?post=true", Entry(i + 1));
                times[w].Add(one.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                    Interlocked.Increment(ref failed);
            }
        }));
        watch.Stop();
        var all = times.SelectMany(t => t).Order().ToList();
        return new Throughput(writers, total, total / watch.Elapsed.TotalSeconds, Bench.Percentile(all, 50), Bench.Percentile(all, 95), Bench.Percentile(all, 99), failed);
    }
}
