using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Host.Seeding;
using Tandem.Platform.Persistence;
using Tandem.Platform.Seeding;

namespace Tandem.Bench;

/// <summary>
/// The sales reps' screens on a large CRM (PostgreSQL): loads the <c>seed bench</c> CRM (customers, opportunities,
/// activities and notes), then times over HTTP the pipeline board's first page, the account page's data (account,
/// contacts, timeline) and global search, each as a sales rep who sees their own records and as an admin who sees all.
/// Usage: crm [--customers 100000] [--opportunities 100000] [--activities 1000000] [--runs 100]
/// [--connection "Host=...;Database=..."] (measure a database <c>seed bench</c> loaded before; the sizes then only label the output)
/// </summary>
internal static class CrmBenchmark
{
    // Words of the generated notes, activities and names: common ones (thousands of hits) and rarer ones.
    private static readonly string[] Queries =
    [
        "protocol", "bandwidth", "firewall", "interface", "driver", "matrix", "circuit", "pixel", "array", "alarm", "microchip", "monitor",
        "system", "transmitter", "application", "capacitor", "sensor", "synergy", "paradigm", "architecture", "workforce", "hierarchy",
        "intranet", "algorithm", "throughput", "encoding", "demo", "visit", "quote review", "follow up", "parse the", "wheels", "chair", "keyboard",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var customers = Bench.Int(args, "--customers", 100_000);
        var opportunities = Bench.Int(args, "--opportunities", 100_000);
        var activities = Bench.Int(args, "--activities", 1_000_000);
        var runs = Bench.Int(args, "--runs", 100);

        var existing = Bench.Option(args, "--connection", "");
        await using var server = await BenchServer.CreateAsync(DatabaseProvider.Postgres, existing.Length > 0 ? existing : null);
        if (server is null)
            return 2;
        var load = Stopwatch.StartNew();
        if (existing.Length == 0)
        {
            await using var scope = server.Scope();
            var size = new BenchDataSize(customers, opportunities, activities, Invoices: 0, JournalLines: 0, Reps: 20);
            await scope.ServiceProvider.GetRequiredService<BenchSeeder>().RunAsync(size, 20261123, null, Console.Out, CancellationToken.None);
        }
        load.Stop();
        await server.StartAsync();
        var users = new (string Who, HttpClient Client)[]
        {
            ("sales rep", await server.SignInAsync(BenchSeeder.RepEmail(1), BenchSeeder.RepPassword)),
            ("admin", server.Client),
        };

        var results = new List<(string Workload, string Who, List<double> Times)>();
        var slowest = new List<(string Who, List<(string Query, double Median)> Queries)>();
        foreach (var (who, client) in users)
        {
            results.Add(("pipeline board, first page (20 per stage)", who,
                await Bench.TimesAsync(runs, _ => Bench.GetAsync(client, "/api/v1/crm/opportunities/board"))));

            var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/crm/accounts?limit=200");
            var accounts = page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
            results.Add(("account page (account, contacts, timeline)", who, await Bench.TimesAsync(runs, async i =>
            {
                var id = accounts[(i + 1) % accounts.Count];
                await Task.WhenAll(
                    Bench.GetAsync(client, $"/api/v1/crm/accounts/{id}"),
                    Bench.GetAsync(client, $"/api/v1/crm/contacts?accountId={id}&limit=100"),
                    Bench.GetAsync(client, $"/api/v1/crm/accounts/{id}/timeline"));
            })));

            var byQuery = new Dictionary<string, List<double>>();
            results.Add(("search, 20 hits", who, await Bench.TimesAsync(runs, async i =>
            {
                var q = Queries[(i + Queries.Length) % Queries.Length];
                var watch = Stopwatch.StartNew();
                await Bench.GetAsync(client, "/api/v1/search?limit=20&q=" + Uri.EscapeDataString(q));
                if (i >= 0)
                    (byQuery.TryGetValue(q, out var list) ? list : byQuery[q] = []).Add(watch.Elapsed.TotalMilliseconds);
            })));
            slowest.Add((who, byQuery.Select(p => (p.Key, Median: p.Value.Order().ElementAt(p.Value.Count / 2))).OrderByDescending(p => p.Median).Take(5).ToList()));
        }

        foreach (var (who, queries) in slowest)
            Console.WriteLine($"slowest searches for the {who}: {string.Join(", ", queries.Select(q => $"'{q.Query}' {q.Median:F1} ms"))}");
        Console.WriteLine();
        Console.WriteLine($"CRM: {customers:N0} accounts, {opportunities:N0} opportunities, {activities:N0} activities and notes, loaded in {load.Elapsed.TotalSeconds:F0} s; {runs} runs each");
        Console.WriteLine("| workload | user | p50 (ms) | p95 (ms) | p99 (ms) |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var (workload, who, times) in results)
            Console.WriteLine($"| {workload} | {who} | {Bench.Percentile(times, 50):F1} | {Bench.Percentile(times, 95):F1} | {Bench.Percentile(times, 99):F1} |");

        var file = await Bench.WriteResultAsync($"crm-{activities}", new
        {
            customers, opportunities, activities, runs, loadSeconds = load.Elapsed.TotalSeconds,
            results = results.Select(r => new { r.Workload, r.Who, times = Bench.Summary(r.Times) }),
        });
        Console.WriteLine($"Results written to {file}");
        return 0;
    }
}
