using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Platform.Seeding;

namespace Tandem.Bench;

/// <summary>
/// Procure to pay through the HTTP API on PostgreSQL: each flow orders one to three goods lines from a supplier,
/// confirms the order (numbered gap-free; approved at once, or approved next when its total reaches the company's
/// threshold), receives everything (stock receipts valued at the order price, inventory posted against goods received
/// not invoiced), enters and posts the supplier's bill for it, matched three ways against the order lines (goods
/// received not invoiced cleared against the payable), and pays the bill. Clients run flows back to back for a fixed
/// time, first 1 client then the counts given; the output is flows per second and each step's p50/p95. Suppliers and
/// products are the run's own, made through the API first. Afterwards the stock and ledger checks run over the result.
/// Usage: p2p [--clients 1,8] [--seconds 30] [--customers 1000] [--purchase-orders 10000] [--products 200]
/// [--connection "Host=...;Database=..."] (measure a database <c>seed bench</c> loaded before; the sizes then only label the output)
/// </summary>
internal static class P2pBenchmark
{
    private static readonly string[] Steps = ["order", "confirm", "receive", "bill", "pay"];

    public static Task<int> RunAsync(string[] args)
    {
        var size = new BenchDataSize(Customers: Bench.Int(args, "--customers", 1000), Opportunities: 0, Activities: 0, Invoices: 0, JournalLines: 0, Reps: 1,
            Products: Bench.Int(args, "--products", 200), StockMoves: 0, PurchaseOrders: Bench.Int(args, "--purchase-orders", 10_000));
        return FlowRunner.MeasureAsync(args, $"p2p-{size.PurchaseOrders}", "Procure to pay", Steps, size, SetUpAsync, FlowAsync);
    }

    private sealed record Setup(string Currency, Guid Warehouse, Guid GoodsReceivedNotInvoiced, Guid[] Suppliers, Guid[] Products);

    /// <summary>Suppliers and stocked products of the run's own, made through the API.</summary>
    private static async Task<Setup> SetUpAsync(BenchServer server, int supplierCount)
    {
        var http = server.Client;
        var currency = await server.CurrencyAsync();
        var warehouse = (await http.GetFromJsonAsync<JsonElement>("/api/v1/inventory/warehouses")).EnumerateArray().First().GetProperty("id").GetGuid();
        var accounts = await http.GetFromJsonAsync<JsonElement>("/api/v1/accounting/accounts");
        var grni = (accounts.ValueKind == JsonValueKind.Array ? accounts : accounts.GetProperty("items")).EnumerateArray()
            .Single(a => a.GetProperty("code").GetString() == "2200").GetProperty("id").GetGuid();
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        var suppliers = new List<Guid>();
        for (var i = 0; i < supplierCount; i++)
        {
            var supplier = await FlowRunner.PostAsync(http, "/api/v1/parties", new { kind = "organisation", name = $"P2P Supplier {run}-{i:D3}", isSupplier = true });
            suppliers.Add(supplier.GetProperty("id").GetGuid());
        }
        var products = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var product = await FlowRunner.PostAsync(http, "/api/v1/catalog/products",
                new { sku = $"P2P-{run}-{i:D2}", name = $"P2P frame {run}-{i:D2}", kind = "goods", unit = "pc", listPrice = FlowRunner.Money(100m + 10 * i, currency) });
            var id = product.GetProperty("id").GetGuid();
            var settings = await http.PutAsJsonAsync($"/api/v1/inventory/products/{id}/settings", new { tracking = "none", leadTimeDays = 7 });
            if (!settings.IsSuccessStatusCode)
                throw new InvalidOperationException($"PUT product settings: {(int)settings.StatusCode} {await settings.Content.ReadAsStringAsync()}");
            products.Add(id);
        }
        return new Setup(currency, warehouse, grni, [.. suppliers], [.. products]);
    }

    /// <summary>One procure to pay.</summary>
    private static async Task FlowAsync(FlowSteps steps, Setup setup, int i)
    {
        var supplier = setup.Suppliers[i % setup.Suppliers.Length];
        var lines = Enumerable.Range(0, 1 + i % 3).Select(l => new
        {
            productId = setup.Products[(i * 3 + l * 7) % setup.Products.Length], quantity = 5 * (1 + (i + l) % 4),
            unitPrice = FlowRunner.Money(40m + (i + 3 * l) % 50, setup.Currency),
        }).ToArray();
        var draft = await steps.PostAsync("order", "/api/v1/purchasing/orders", new { supplierId = supplier, warehouseId = setup.Warehouse, lines });
        var id = draft.GetProperty("id").GetGuid();
        var order = await steps.PostAsync("confirm", $"/api/v1/purchasing/orders/{id}/confirm", null);
        if (order.GetProperty("status").GetString() == "to_approve")
            order = await steps.PostAsync("confirm", $"/api/v1/purchasing/orders/{id}/approve", null);
        var orderLines = order.GetProperty("lines").EnumerateArray().ToArray();
        await steps.PostAsync("receive", $"/api/v1/purchasing/orders/{id}/receipts", new
        {
            lines = orderLines.Select(l => new { orderLineId = l.GetProperty("id").GetGuid(), quantity = l.GetProperty("quantity").GetDecimal() }).ToArray(),
        });
        var bill = await steps.PostAsync("bill", "/api/v1/accounting/invoices?post=true", new
        {
            kind = "vendorBill", partyId = supplier, date = order.GetProperty("orderDate").GetString(), currency = setup.Currency, reference = order.GetProperty("number").GetString(),
            lines = orderLines.Select(l => new
            {
                description = l.GetProperty("description").GetString(), quantity = l.GetProperty("quantity").GetDecimal(),
                unitPrice = decimal.Parse(l.GetProperty("unitPrice").GetProperty("amount").GetString()!, CultureInfo.InvariantCulture),
                accountId = setup.GoodsReceivedNotInvoiced, purchaseOrderLineId = l.GetProperty("id").GetGuid(),
            }).ToArray(),
        });
        var total = bill.GetProperty("total");
        await steps.PostAsync("pay", "/api/v1/accounting/payments", new
        {
            direction = "out", partyId = supplier, date = bill.GetProperty("date").GetString(), amount = total,
            allocations = new[] { new { invoiceId = bill.GetProperty("id").GetGuid(), amount = total } },
        });
    }
}
