using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
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

    public static Task<int> RunAsync(string[] args)
    {
        var size = new BenchDataSize(Customers: Bench.Int(args, "--customers", 1000), Opportunities: 0, Activities: 0, Invoices: 0, JournalLines: 0, Reps: 1,
            Products: Bench.Int(args, "--products", 200), StockMoves: long.Parse(Bench.Option(args, "--stock-moves", "10000"), CultureInfo.InvariantCulture),
            Orders: Bench.Int(args, "--orders", 10_000));
        return FlowRunner.MeasureAsync(args, $"o2c-{size.Orders}", "Order to cash", Steps, size, SetUpAsync, FlowAsync);
    }

    private sealed record Setup(string Currency, Guid? Vat, Guid[] Accounts, Guid[] Products);

    /// <summary>Customers (CRM accounts) and stocked products of the run's own, made through the API.</summary>
    private static async Task<Setup> SetUpAsync(BenchServer server, int customerCount)
    {
        var http = server.Client;
        var currency = await server.CurrencyAsync();
        var taxes = await http.GetFromJsonAsync<JsonElement>("/api/v1/accounting/taxes");
        var vat = (taxes.ValueKind == JsonValueKind.Array ? taxes : taxes.GetProperty("items")).EnumerateArray()
            .Where(t => t.GetProperty("rate").GetDecimal() == 20m && !t.GetProperty("priceIncludesTax").GetBoolean())
            .Select(t => (Guid?)t.GetProperty("id").GetGuid()).FirstOrDefault();
        var warehouse = (await http.GetFromJsonAsync<JsonElement>("/api/v1/inventory/warehouses")).EnumerateArray().First().GetProperty("id").GetGuid();
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        var accounts = new List<Guid>();
        for (var i = 0; i < customerCount; i++)
        {
            var account = await FlowRunner.PostAsync(http, "/api/v1/crm/accounts", new { name = $"O2C Customer {run}-{i:D3}", industry = "Retail", segment = "SMB" });
            accounts.Add(account.GetProperty("id").GetGuid());
        }
        var products = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var product = await FlowRunner.PostAsync(http, "/api/v1/catalog/products",
                new { sku = $"O2C-{run}-{i:D2}", name = $"O2C bicycle {run}-{i:D2}", kind = "goods", unit = "pc", listPrice = FlowRunner.Money(100m + 10 * i, currency) });
            var id = product.GetProperty("id").GetGuid();
            var settings = await http.PutAsJsonAsync($"/api/v1/inventory/products/{id}/settings", new { tracking = "none", leadTimeDays = 7 });
            if (!settings.IsSuccessStatusCode)
                throw new InvalidOperationException($"PUT product settings: {(int)settings.StatusCode} {await settings.Content.ReadAsStringAsync()}");
            await FlowRunner.PostAsync(http, "/api/v1/inventory/moves",
                new { kind = "receipt", productId = id, quantity = 1_000_000, warehouseId = warehouse, unitCost = FlowRunner.Money(60m + 5 * i, currency), done = true });
            products.Add(id);
        }
        return new Setup(currency, vat, [.. accounts], [.. products]);
    }

    /// <summary>One order to cash.</summary>
    private static async Task FlowAsync(FlowSteps steps, Setup setup, int i)
    {
        // Client c runs flows c, c + clients, c + 2 × clients…; with as many customers as a multiple of the client count,
        // each client keeps to its own customers, so two clients do not queue on one customer's credit row.
        var account = setup.Accounts[i % setup.Accounts.Length];
        var lines = Enumerable.Range(0, 1 + i % 3).Select(l => new
        {
            productId = setup.Products[(i * 3 + l * 7) % setup.Products.Length], quantity = 1 + (i + l) % 3, taxId = setup.Vat,
        }).ToArray();
        var quote = await steps.PostAsync("quote", "/api/v1/sales/quotes", new { accountId = account, lines });
        var order = await steps.PostAsync("accept", $"/api/v1/sales/quotes/{quote.GetProperty("id").GetGuid()}/accept", new { });
        var orderId = order.GetProperty("id").GetGuid();
        await steps.PostAsync("confirm", $"/api/v1/sales/orders/{orderId}/confirm", new { });
        await steps.PostAsync("deliver", $"/api/v1/sales/orders/{orderId}/deliveries", new { });
        var invoiced = await steps.PostAsync("invoice", $"/api/v1/sales/orders/{orderId}/invoices", new { });
        var invoice = invoiced.GetProperty("invoices").EnumerateArray().Last(v => v.GetProperty("kind").GetString() == "invoice");
        var total = invoice.GetProperty("total");
        await steps.PostAsync("pay", "/api/v1/accounting/payments", new
        {
            direction = "in", partyId = order.GetProperty("customerId").GetGuid(), date = invoice.GetProperty("date").GetString(), amount = total,
            allocations = new[] { new { invoiceId = invoice.GetProperty("invoiceId").GetGuid(), amount = total } },
        });
    }
}
