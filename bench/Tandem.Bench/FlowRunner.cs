using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Host.Seeding;
using Tandem.Platform.Consistency;
using Tandem.Platform.Persistence;
using Tandem.Platform.Seeding;

namespace Tandem.Bench;

/// <summary>
/// Runs business flows (a chain of API calls, each a named step) back to back from N clients for a fixed time, and
/// reports flows per second and each step's percentiles. Order to cash and procure to pay share it.
/// </summary>
internal static class FlowRunner
{
    public sealed record Percentiles(double P50, double P95, double P99);

    /// <summary>
    /// The whole benchmark: a throwaway PostgreSQL database loaded with <paramref name="size"/> (or, with
    /// <c>--connection</c>, a database loaded before), the server started, the flows' own data set up, one warm-up flow,
    /// then flows for each client count of <c>--clients</c> for <c>--seconds</c>; prints the tables, runs the stock and
    /// ledger checks and writes the JSON result. Exit code 0 when no flow failed and the checks found nothing.
    /// </summary>
    /// <param name="setUp">Makes the flows' own records through the API, given how many separate ones the clients need.</param>
    public static async Task<int> MeasureAsync<TSetup>(string[] args, string name, string title, string[] steps, BenchDataSize size,
        Func<BenchServer, int, Task<TSetup>> setUp, Func<FlowSteps, TSetup, int, Task> flow)
    {
        if (Options(args) is not var (clientCounts, seconds))
            return 2;
        var existing = Bench.Option(args, "--connection", "");
        await using var server = await BenchServer.CreateAsync(DatabaseProvider.Postgres, existing.Length > 0 ? existing : null);
        if (server is null)
            return 2;
        var load = Stopwatch.StartNew();
        if (existing.Length == 0)
        {
            await using var scope = server.Scope();
            await scope.ServiceProvider.GetRequiredService<BenchSeeder>().RunAsync(size, 20261123, null, Console.Out, CancellationToken.None);
        }
        load.Stop();
        await server.StartAsync();

        var setup = await setUp(server, 8 * clientCounts.Max()); // a multiple of 1, 2, 4 and 8: each client keeps to its own records
        Task Flow(FlowSteps s, int i) => flow(s, setup, i);
        var runs = new List<Run>();
        await OnceAsync(server.Client, Flow, 0); // warm-up: plans, pools, caches
        foreach (var clients in clientCounts)
            runs.Add(await RunAsync(server.Client, steps, Flow, clients, seconds));

        Print(existing.Length > 0 ? $"{title} on an existing database" : $"{title}: {Describe(size)}, loaded in {load.Elapsed.TotalSeconds:F0} s", steps, runs);
        var violations = await CheckAsync(server);
        var file = await Bench.WriteResultAsync(name, new
        {
            size, seconds, existing = existing.Length > 0, loadSeconds = load.Elapsed.TotalSeconds,
            runs = runs.Select(r => new { r.Clients, r.Seconds, r.Flows, r.PerSecond, r.Failed, steps = r.Times }),
            checkViolations = violations,
        });
        Console.WriteLine($"Results written to {file}");
        return violations == 0 && runs.All(r => r.Failed == 0) ? 0 : 1;
    }

    /// <summary>The non-empty parts of a dataset size, for the output's title.</summary>
    private static string Describe(BenchDataSize size) => string.Join(", ",
        new (string Name, long Count)[]
        {
            ("customers", size.Customers), ("products", size.Products), ("stock moves", size.StockMoves), ("orders", size.Orders),
            ("purchase orders", size.PurchaseOrders), ("invoices", size.Invoices),
        }.Where(p => p.Count > 0).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Count:N0} {p.Name}")));

    public sealed record Run(int Clients, double Seconds, int Flows, double PerSecond, int Failed, Dictionary<string, Percentiles> Times);

    /// <summary>
    /// Client c runs flows c, c + clients, c + 2 × clients… until the time is up, so a flow numbered from the client
    /// keeps each client to its own slice of customers or suppliers.
    /// </summary>
    public static async Task<Run> RunAsync(HttpClient http, string[] steps, Func<FlowSteps, int, Task> flow, int clients, int seconds)
    {
        var names = steps.Append("flow").ToArray();
        var times = names.ToDictionary(s => s, _ => new List<double>[clients]);
        var flows = 0;
        var failed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = names.ToDictionary(s => s, _ => new List<double>());
            for (var i = 0; watch.Elapsed.TotalSeconds < seconds; i++)
            {
                try
                {
                    foreach (var (step, ms) in await OnceAsync(http, flow, c + i * clients))
                        mine[step].Add(ms);
                    Interlocked.Increment(ref flows);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    if (Interlocked.Increment(ref failed) == 1)
                        Console.Error.WriteLine($"flow failed: {e.Message}");
                }
            }
            foreach (var (step, list) in mine)
                times[step][c] = list;
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        var percentiles = times.ToDictionary(t => t.Key, t =>
        {
            var all = t.Value.SelectMany(l => l).Order().ToList();
            return all.Count == 0 ? new Percentiles(0, 0, 0) : new Percentiles(Bench.Percentile(all, 50), Bench.Percentile(all, 95), Bench.Percentile(all, 99));
        });
        return new Run(clients, elapsed, flows, flows / elapsed, failed, percentiles);
    }

    /// <summary>One flow; returns each step's time and the whole flow's.</summary>
    public static async Task<List<(string Step, double Ms)>> OnceAsync(HttpClient http, Func<FlowSteps, int, Task> flow, int i)
    {
        var steps = new FlowSteps(http);
        var watch = Stopwatch.StartNew();
        await flow(steps, i);
        steps.Times.Add(("flow", watch.Elapsed.TotalMilliseconds));
        return steps.Times;
    }

    /// <summary>The runs as two markdown tables: throughput, then each step's p50 and p95 per client count.</summary>
    public static void Print(string title, string[] steps, IReadOnlyList<Run> runs)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine("| clients | seconds | flows | flows/s | failed |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run.Clients} | {run.Seconds:F0} | {run.Flows} | {run.PerSecond:F1} | {run.Failed} |"));
        Console.WriteLine();
        Console.WriteLine("| step | " + string.Join(" | ", runs.Select(r => $"p50, {r.Clients} cl. (ms) | p95, {r.Clients} cl. (ms)")) + " |");
        Console.WriteLine("|---|" + string.Concat(runs.Select(_ => "---:|---:|")));
        foreach (var step in steps.Append("flow"))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {step} | {string.Join(" | ", runs.Select(r => $"{r.Times[step].P50:F1} | {r.Times[step].P95:F1}"))} |"));
        }
        Console.WriteLine();
    }

    /// <summary>The stock and ledger checks over the database the flows wrote to; prints and returns the violations.</summary>
    public static async Task<int> CheckAsync(BenchServer server)
    {
        var watch = Stopwatch.StartNew();
        var violations = 0;
        await using (var scope = server.Scope())
        {
            foreach (var consistency in scope.ServiceProvider.GetServices<IConsistencyCheck>().Where(c => c.Name is "stock" or "ledger"))
                violations += (await consistency.RunAsync(CancellationToken.None)).Count;
        }
        Console.WriteLine($"check stock and ledger: {violations} violation(s) in {watch.Elapsed.TotalSeconds:F1} s");
        return violations;
    }

    /// <summary>The client counts of <c>--clients</c> (1,8 by default) and <c>--seconds</c>, or null after saying what is wrong.</summary>
    public static (int[] Clients, int Seconds)? Options(string[] args)
    {
        var clients = Bench.Option(args, "--clients", "1,8").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var seconds = Bench.Int(args, "--seconds", 30);
        if (clients.Length > 0 && clients.All(c => c >= 1) && seconds >= 1)
            return (clients, seconds);
        Console.Error.WriteLine("--clients takes counts of 1 or more (e.g. 1,8); --seconds at least 1.");
        return null;
    }

    public static object Money(decimal amount, string currency) => new { amount = amount.ToString(CultureInfo.InvariantCulture), currency };

    /// <summary>POSTs and returns the answer, which must be 200 or 201.</summary>
    public static async Task<JsonElement> PostAsync(HttpClient http, string url, object? body)
    {
        var response = await http.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>The steps of one flow as it runs, each POST timed under its step's name.</summary>
internal sealed class FlowSteps(HttpClient http)
{
    public List<(string Step, double Ms)> Times { get; } = new(8);

    public async Task<JsonElement> PostAsync(string step, string url, object? body)
    {
        var watch = Stopwatch.StartNew();
        var answer = await FlowRunner.PostAsync(http, url, body);
        Times.Add((step, watch.Elapsed.TotalMilliseconds));
        return answer;
    }
}
