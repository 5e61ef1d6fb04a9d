using System.Diagnostics;
using System.Globalization;
using System.Net;
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
/// Order to cash through the HTTP API on PostgreSQL: each flow quotes a customer one to three goods lines with VAT,
/// accepts the quote (credit checked, the order made), confirms the order (credit checked again, stock reserved),
/// delivers everything (cost of goods sold posted), invoices it (receivable, revenue and VAT posted with a gap-free
/// number) and registers the customer's payment allocated to the invoice. Clients run flows back to back for a fixed
/// time, first 1 client then the counts given; the output is flows per second and each step's p50/p95. The flows use
/// customers and products of their own, made through the API first: fresh customers have no credit limit and no
/// overdue items, and each product is received in quantities no run exhausts. Afterwards the stock and ledger checks
/// run over the result.
/// Usage: o2c [--clients 1,8] [--seconds 30] [--customers 1000] [--orders 10000] [--products 200] [--stock-moves 10000]
/// [--connection "Host=...;Database=..."] (measure a database <c>seed bench</c> loaded before; the sizes then only label the output)
/// </summary>
internal static class O2cBenchmark
{
    private static readonly string[] Steps = ["quote", "accept", "confirm", "deliver", "invoice", "pay"];

    public static async Task<int> RunAsync(string[] args)
    {
        var clientCounts = Bench.Option(args, "--clients", "1,8").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var seconds = Bench.Int(args, "--seconds", 30);
        var customers = Bench.Int(args, "--customers", 1000);
        var orders = Bench.Int(args, "--orders", 10_000);
        var products = Bench.Int(args, "--products", 200);
        var moves = long.Parse(Bench.Option(args, "--stock-moves", "10000"), CultureInfo.InvariantCulture);
        if (clientCounts.Length == 0 || clientCounts.Any(c => c < 1) || seconds < 1)
        {
            Console.Error.WriteLine("--clients takes counts of 1 or more (e.g. 1,8); --seconds at least 1.");
            return 2;
        }

        var existing = Bench.Option(args, "--connection", "");
        await using var server = await BenchServer.CreateAsync(DatabaseProvider.Postgres, existing.Length > 0 ? existing : null);
        if (server is null)
            return 2;
        var load = Stopwatch.StartNew();
        if (existing.Length == 0)
        {
            await using var scope = server.Scope();
            var size = new BenchDataSize(Customers: customers, Opportunities: 0, Activities: 0, Invoices: 0, JournalLines: 0, Reps: 1, Products: products,
                StockMoves: moves, Orders: orders);
            await scope.ServiceProvider.GetRequiredService<BenchSeeder>().RunAsync(size, 20261123, null, Console.Out, CancellationToken.None);
        }
        load.Stop();
        await server.StartAsync();

        var setup = await SetUpAsync(server, 8 * clientCounts.Max()); // 64 for 8 clients: a multiple of 1, 2, 4 and 8
        var runs = new List<Run>();
        await FlowAsync(server.Client, setup, 0); // warm-up: plans, pools, caches
        foreach (var clients in clientCounts)
            runs.Add(await RunFlowsAsync(server.Client, setup, clients, seconds));

        Console.WriteLine();
        Console.WriteLine(existing.Length > 0
            ? "Order to cash on an existing database"
            : $"Order to cash: {customers:N0} customers, {orders:N0} orders, {products:N0} products, {moves:N0} stock moves, loaded in {load.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine("| clients | seconds | flows | flows/s | failed |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {run.Clients} | {run.Seconds:F0} | {run.Flows} | {run.PerSecond:F1} | {run.Failed} |"));
        Console.WriteLine();
        Console.WriteLine("| step | " + string.Join(" | ", runs.Select(r => $"p50, {r.Clients} cl. (ms) | p95, {r.Clients} cl. (ms)")) + " |");
        Console.WriteLine("|---|" + string.Concat(runs.Select(_ => "---:|---:|")));
        foreach (var step in Steps.Append("flow"))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {step} | {string.Join(" | ", runs.Select(r => $"{r.Times[step].P50:F1} | {r.Times[step].P95:F1}"))} |"));
        }
        Console.WriteLine();

        var check = Stopwatch.StartNew();
        var violations = 0;
        await using (var scope = server.Scope())
        {
            foreach (var consistency in scope.ServiceProvider.GetServices<IConsistencyCheck>().Where(c => c.Name is "stock" or "ledger"))
                violations += (await consistency.RunAsync(CancellationToken.None)).Count;
        }
        Console.WriteLine($"check stock and ledger: {violations} violation(s) in {check.Elapsed.TotalSeconds:F1} s");

        var file = await Bench.WriteResultAsync($"o2c-{orders}", new
        {
            customers, orders, products, moves, seconds, existing = existing.Length > 0, loadSeconds = load.Elapsed.TotalSeconds,
            runs = runs.Select(r => new { r.Clients, r.Seconds, r.Flows, r.PerSecond, r.Failed, steps = r.Times }),
            checkViolations = violations,
        });
        Console.WriteLine($"Results written to {file}");
        return violations == 0 && runs.All(r => r.Failed == 0) ? 0 : 1;
    }

    private sealed record Setup(string Currency, Guid? Vat, Guid[] Accounts, Guid[] Products);

    private sealed record Percentiles(double P50, double P95, double P99);

    private sealed record Run(int Clients, double Seconds, int Flows, double PerSecond, int Failed, Dictionary<string, Percentiles> Times);

    /// <summary>Customers (CRM accounts) and stocked products of the run's own, made through the API.</summary>
    private static async Task<Setup> SetUpAsync(BenchServer server, int customerCount)
    {
        var http = server.Client;
        string currency;
        await using (var pg = new NpgsqlConnection(server.ConnectionString))
        {
            await pg.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT currency FROM platform.companies WHERE id = @c", pg);
            command.Parameters.AddWithValue("c", server.CompanyId);
            currency = (string)(await command.ExecuteScalarAsync())!;
        }
        var taxes = await http.GetFromJsonAsync<JsonElement>("/api/v1/accounting/taxes");
        var vat = (taxes.ValueKind == JsonValueKind.Array ? taxes : taxes.GetProperty("items")).EnumerateArray()
            .Where(t => t.GetProperty("rate").GetDecimal() == 20m && !t.GetProperty("priceIncludesTax").GetBoolean())
            .Select(t => (Guid?)t.GetProperty("id").GetGuid()).FirstOrDefault();
        var warehouse = (await http.GetFromJsonAsync<JsonElement>("/api/v1/inventory/warehouses")).EnumerateArray().First().GetProperty("id").GetGuid();
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        var accounts = new List<Guid>();
        for (var i = 0; i < customerCount; i++)
        {
            var account = await PostAsync(http, "/api/v1/crm/accounts", new { name = $"O2C Customer {run}-{i:D3}", industry = "Retail", segment = "SMB" });
            accounts.Add(account.GetProperty("id").GetGuid());
        }
        var products = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var product = await PostAsync(http, "/api/v1/catalog/products",
                new { sku = $"O2C-{run}-{i:D2}", name = $"O2C bicycle {run}-{i:D2}", kind = "goods", unit = "pc", listPrice = Money(100m + 10 * i, currency) });
            var id = product.GetProperty("id").GetGuid();
            var settings = await http.PutAsJsonAsync($"/api/v1/inventory/products/{id}/settings", new { tracking = "none", leadTimeDays = 7 });
            if (!settings.IsSuccessStatusCode)
                throw new InvalidOperationException($"PUT product settings: {(int)settings.StatusCode} {await settings.Content.ReadAsStringAsync()}");
            await PostAsync(http, "/api/v1/inventory/moves",
                new { kind = "receipt", productId = id, quantity = 1_000_000, warehouseId = warehouse, unitCost = Money(60m + 5 * i, currency), done = true });
            products.Add(id);
        }
        return new Setup(currency, vat, [.. accounts], [.. products]);
    }

    /// <summary>Each client runs whole flows back to back until the time is up, over its own slice of the customers.</summary>
    private static async Task<Run> RunFlowsAsync(HttpClient http, Setup setup, int clients, int seconds)
    {
        var times = Steps.Append("flow").ToDictionary(s => s, _ => new List<double>[clients]);
        var flows = 0;
        var failed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = Steps.Append("flow").ToDictionary(s => s, _ => new List<double>());
            for (var i = 0; watch.Elapsed.TotalSeconds < seconds; i++)
            {
                try
                {
                    var steps = await FlowAsync(http, setup, c + i * clients);
                    foreach (var (step, ms) in steps)
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

    /// <summary>One order to cash; returns each step's time, and the whole flow's.</summary>
    private static async Task<List<(string Step, double Ms)>> FlowAsync(HttpClient http, Setup setup, int i)
    {
        var result = new List<(string, double)>(Steps.Length + 1);
        var flow = Stopwatch.StartNew();
        async Task<JsonElement> Step(string step, string url, object body)
        {
            var watch = Stopwatch.StartNew();
            var answer = await PostAsync(http, url, body);
            result.Add((step, watch.Elapsed.TotalMilliseconds));
            return answer;
        }

        // Client c runs flows c, c + clients, c + 2 × clients…; with as many customers as a multiple of the client count,
        // each client keeps to its own customers, so two clients do not queue on one customer's credit row.
        var account = setup.Accounts[i % setup.Accounts.Length];
        var lines = Enumerable.Range(0, 1 + i % 3).Select(l => new
        {
            productId = setup.Products[(i * 3 + l * 7) % setup.Products.Length], quantity = 1 + (i + l) % 3, taxId = setup.Vat,
        }).ToArray();
        var quote = await Step("quote", "/api/v1/sales/quotes", new { accountId = account, lines });
        var order = await Step("accept", $"/api/v1/sales/quotes/{quote.GetProperty("id").GetGuid()}/accept", new { });
        var orderId = order.GetProperty("id").GetGuid();
        await Step("confirm", $"/api/v1/sales/orders/{orderId}/confirm", new { });
        await Step("deliver", $"/api/v1/sales/orders/{orderId}/deliveries", new { });
        var invoiced = await Step("invoice", $"/api/v1/sales/orders/{orderId}/invoices", new { });
        var invoice = invoiced.GetProperty("invoices").EnumerateArray().Last(v => v.GetProperty("kind").GetString() == "invoice");
        var total = invoice.GetProperty("total");
        await Step("pay", "/api/v1/accounting/payments", new
        {
            direction = "in", partyId = order.GetProperty("customerId").GetGuid(), date = invoice.GetProperty("date").GetString(), amount = total,
            allocations = new[] { new { invoiceId = invoice.GetProperty("invoiceId").GetGuid(), amount = total } },
        });
        result.Add(("flow", flow.Elapsed.TotalMilliseconds));
        return result;
    }

    private static object Money(decimal amount, string currency) => new { amount = amount.ToString(CultureInfo.InvariantCulture), currency };

    private static async Task<JsonElement> PostAsync(HttpClient http, string url, object body)
    {
        var response = await http.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
