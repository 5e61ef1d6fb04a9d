using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tandem.Bench;

/// <summary>
/// Drives a running server over HTTP with N concurrent clients for a fixed time, one workload after another, and
/// prints each workload's throughput and latency percentiles. The server and its data are whatever the URL points at
/// (a database loaded by <c>seed bench</c>, say), so the figures include the real network stack and configuration.
/// Usage: load --url http://127.0.0.1:5080 [--email E --password P] [--clients 8] [--seconds 20]
/// [--workloads search,trial-balance,atp,account-page,lead-capture,customer-360,purchase-orders] [--accounts 5000] [--purchase-orders 5000]
/// (<c>customer-360</c> reads the overview of <c>--accounts</c> accounts taken from the account list, in a shuffled order;
/// <c>purchase-orders</c> opens the buyer's list of open orders, every other time for one supplier, then one of
/// <c>--purchase-orders</c> open orders, in a shuffled order)
/// </summary>
internal static class LoadBenchmark
{
    private static readonly string[] Words =
    [
        "protocol", "bandwidth", "firewall", "interface", "driver", "matrix", "circuit", "pixel", "array", "alarm", "monitor",
        "system", "sensor", "synergy", "paradigm", "algorithm", "demo", "visit", "quote review", "follow up", "keyboard",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var url = Bench.Option(args, "--url", "http://127.0.0.1:5080");
        var email = Bench.Option(args, "--email", "bench@tandem.local");
        var password = Bench.Option(args, "--password", "Bench-Password-1");
        var clients = Bench.Int(args, "--clients", 8);
        var seconds = Bench.Int(args, "--seconds", 20);
        var names = Bench.Option(args, "--workloads", "search,trial-balance,atp,account-page,lead-capture").Split(',', StringSplitOptions.TrimEntries);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 4 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        if (!token.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"Sign-in as {email} at {url} failed: {(int)token.StatusCode}.");
            return 2;
        }
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

        var year = DateTime.UtcNow.Year;
        // Only what the chosen workloads read, so a user with one role (a buyer, say) can run that role's workloads.
        var products = !names.Contains("atp") ? [] : (await http.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products?limit=200")).GetProperty("items").EnumerateArray()
            .Where(p => p.GetProperty("kind").GetString() is "goods" or "Goods").Select(p => p.GetProperty("id").GetGuid()).ToArray();
        var accounts = !names.Contains("account-page") ? [] : (await http.GetFromJsonAsync<JsonElement>("/api/v1/crm/accounts?limit=200")).GetProperty("items").EnumerateArray()
            .Select(a => a.GetProperty("id").GetGuid()).ToArray();
        var overviews = names.Contains("customer-360") ? await AccountsAsync(http, Bench.Int(args, "--accounts", 5000)) : [];
        var purchaseOrders = names.Contains("purchase-orders") ? await PurchaseOrdersAsync(http, Bench.Int(args, "--purchase-orders", 5000)) : [];
        var run = Guid.NewGuid().ToString("N")[..6];
        var workloads = new Dictionary<string, Func<int, Task>>(StringComparer.Ordinal)
        {
            ["search"] = i => Bench.GetAsync(http, "/api/v1/search?limit=20&q=" + Uri.EscapeDataString(Words[i % Words.Length])),
            ["trial-balance"] = _ => Bench.GetAsync(http, $"/api/v1/accounting/reports/trial-balance?from={year}-01-01&to={year}-12-31"),
            ["atp"] = i => Bench.GetAsync(http, $"/api/v1/inventory/atp?product={products[i % products.Length]}&quantity=3"),
            ["account-page"] = i => Task.WhenAll(
                Bench.GetAsync(http, $"/api/v1/crm/accounts/{accounts[i % accounts.Length]}"),
                Bench.GetAsync(http, $"/api/v1/crm/contacts?accountId={accounts[i % accounts.Length]}&limit=100"),
                Bench.GetAsync(http, $"/api/v1/crm/accounts/{accounts[i % accounts.Length]}/timeline")),
            ["customer-360"] = i => Bench.GetAsync(http, $"/api/v1/crm/accounts/{overviews[i % overviews.Length]}/overview"),
            ["purchase-orders"] = async i =>
            {
                var (order, supplier) = purchaseOrders[i % purchaseOrders.Length];
                await Bench.GetAsync(http, "/api/v1/purchasing/orders?status=open&limit=50" + (i % 2 == 0 ? "" : $"&supplier={supplier}"));
                await Bench.GetAsync(http, $"/api/v1/purchasing/orders/{order}");
            },
            ["lead-capture"] = async i =>
            {
                var response = await http.PostAsJsonAsync("/api/v1/crm/leads", new
                {
                    name = $"Load Lead {run}-{i}", company = $"Load Prospect {run}-{i} Ltd", email = $"lead{i}.{run}@load.example", source = "web",
                });
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"POST lead: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            },
        };
        if (names.FirstOrDefault(n => !workloads.ContainsKey(n)) is { } unknown)
        {
            Console.Error.WriteLine($"Unknown workload '{unknown}'. Known: {string.Join(", ", workloads.Keys)}.");
            return 2;
        }

        var results = new List<object>();
        Console.WriteLine($"{url}: {clients} clients, {seconds} s per workload");
        Console.WriteLine("| workload | requests | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var name in names)
        {
            var action = workloads[name];
            await action(0); // warm-up
            var times = new List<double>[clients];
            var errors = 0;
            var next = 0;
            var stop = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
            {
                times[c] = [];
                while (stop.Elapsed.TotalSeconds < seconds)
                {
                    var i = Interlocked.Increment(ref next);
                    var one = Stopwatch.StartNew();
                    try
                    {
                        await action(i);
                        times[c].Add(one.Elapsed.TotalMilliseconds);
                    }
                    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                    {
                        if (Interlocked.Increment(ref errors) == 1)
                            Console.Error.WriteLine($"{name}: {e.Message}");
                    }
                }
            }));
            var elapsed = stop.Elapsed.TotalSeconds;
            var all = times.SelectMany(t => t).Order().ToList();
            var perSecond = all.Count / elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {all.Count} | {perSecond:F0} | {Bench.Percentile(all, 50):F1} | {Bench.Percentile(all, 95):F1} | {Bench.Percentile(all, 99):F1} | {errors} |"));
            results.Add(new { workload = name, requests = all.Count, perSecond, latency = Bench.Summary(all), errors });
        }
        var file = await Bench.WriteResultAsync($"load-{clients}", new { url, clients, seconds, results });
        Console.WriteLine($"Results written to {file}");
        return 0;
    }

    /// <summary>Up to <paramref name="count"/> accounts, paged through the list, then shuffled (fixed seed) so neighbours by name are not read in turn.</summary>
    private static async Task<Guid[]> AccountsAsync(HttpClient http, int count)
    {
        var ids = new List<Guid>(count);
        string? after = null;
        while (ids.Count < count)
        {
            var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/crm/accounts?limit=200" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).Take(count - ids.Count));
            after = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (after is null)
                break;
        }
        if (ids.Count == 0)
            throw new InvalidOperationException("No accounts to read the customer-360 page of: load them with seed bench.");
        var shuffled = ids.ToArray();
        new Random(20261123).Shuffle(shuffled);
        return shuffled;
    }

    /// <summary>Up to <paramref name="count"/> open purchase orders and their suppliers, paged through the buyer's list, then shuffled (fixed seed).</summary>
    private static async Task<(Guid Order, Guid Supplier)[]> PurchaseOrdersAsync(HttpClient http, int count)
    {
        var orders = new List<(Guid, Guid)>(count);
        string? after = null;
        while (orders.Count < count)
        {
            var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/purchasing/orders?status=open&limit=200" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            orders.AddRange(page.GetProperty("items").EnumerateArray()
                .Select(o => (o.GetProperty("id").GetGuid(), o.GetProperty("supplierId").GetGuid())).Take(count - orders.Count));
            after = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (after is null)
                break;
        }
        if (orders.Count == 0)
            throw new InvalidOperationException("No open purchase orders to read: load them with seed bench --purchase-orders.");
        var shuffled = orders.ToArray();
        new Random(20261123).Shuffle(shuffled);
        return shuffled;
    }
}
