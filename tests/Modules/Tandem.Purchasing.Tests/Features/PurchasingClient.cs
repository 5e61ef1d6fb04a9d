using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Consistency;
using Tandem.Testing;

namespace Tandem.Purchasing.Tests.Features;

/// <summary>
/// A buyer who also runs the warehouse and the books, in a company of their own: the default chart, fiscal year 2025
/// open, unit pc, one warehouse, two suppliers.
/// </summary>
internal sealed class PurchasingClient(TandemServer server, HttpClient http, Guid companyId, Guid warehouseId, Guid supplierId, Guid otherSupplierId)
{
    public const string Date = "2025-03-10";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Http { get; } = http;
    public Guid CompanyId { get; } = companyId;
    public Guid WarehouseId { get; } = warehouseId;
    public Guid SupplierId { get; } = supplierId;
    public Guid OtherSupplierId { get; } = otherSupplierId;

    public static async Task<PurchasingClient> NewCompanyAsync(TandemServer server)
    {
        var companyId = await server.CreateCompanyAsync("P" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var (email, password) = await server.CreateUserAsync(["warehouse", "finance_manager", "purchasing"], companyId);
        var http = await server.ClientFor(email, password);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/v1/accounting/accounts/default-chart", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/accounting/fiscal-years", new { year = 2025 }, Ct)).StatusCode);
        if (DateTime.UtcNow.Year != 2025)
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/accounting/fiscal-years", new { year = DateTime.UtcNow.Year }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/catalog/units", new { code = "pc", name = "Piece", dimension = "count", factor = 1m }, Ct)).StatusCode);
        var warehouse = await Post(http, "/api/v1/inventory/warehouses", new { code = "WH1", name = "Main" }, HttpStatusCode.Created);
        var supplier = await Post(http, "/api/v1/parties", new { kind = "organisation", name = "Northwind Parts " + companyId.ToString("N")[..6], isSupplier = true }, HttpStatusCode.Created);
        var other = await Post(http, "/api/v1/parties", new { kind = "organisation", name = "Contoso Supply " + companyId.ToString("N")[..6], isSupplier = true }, HttpStatusCode.Created);
        return new PurchasingClient(server, http, companyId, warehouse.GetProperty("id").GetGuid(), supplier.GetProperty("id").GetGuid(), other.GetProperty("id").GetGuid());
    }

    public static object Eur(decimal amount) => new { amount = amount.ToString(CultureInfo.InvariantCulture), currency = "EUR" };

    public static decimal Amount(JsonElement money) => decimal.Parse(money.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);

    public async Task<Guid> ProductAsync(string sku, string tracking = "none", int leadTimeDays = 7)
    {
        var product = await PostAsync("/api/v1/catalog/products", new { sku, name = sku, kind = "goods", unit = "pc", listPrice = Eur(10m) }, HttpStatusCode.Created);
        var id = product.GetProperty("id").GetGuid();
        var settings = await Http.PutAsJsonAsync($"/api/v1/inventory/products/{id}/settings", new { tracking, leadTimeDays }, Ct);
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync(Ct));
        return id;
    }

    /// <summary>Sets the approval threshold and tolerances, whatever version the settings are at.</summary>
    public async Task SettingsAsync(decimal threshold, decimal overReceipt = 0m, decimal quantity = 0m, decimal price = 2m)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/purchasing/settings")
        {
            Content = JsonContent.Create(new { approvalThreshold = Eur(threshold), overReceiptTolerancePercent = overReceipt, quantityTolerancePercent = quantity, priceTolerancePercent = price }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        var response = await Http.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>A draft order to the supplier at the given prices, dated <see cref="Date"/>.</summary>
    public Task<JsonElement> DraftAsync(params (Guid Product, decimal Quantity, decimal Price)[] lines) =>
        PostAsync("/api/v1/purchasing/orders", new
        {
            supplierId = SupplierId, warehouseId = WarehouseId, orderDate = Date,
            lines = lines.Select(l => new { productId = l.Product, quantity = l.Quantity, unitPrice = Eur(l.Price) }).ToArray(),
        }, HttpStatusCode.Created);

    /// <summary>A confirmed order (approved when under the threshold).</summary>
    public async Task<JsonElement> OrderAsync(params (Guid Product, decimal Quantity, decimal Price)[] lines)
    {
        var draft = await DraftAsync(lines);
        return await PostAsync($"/api/v1/purchasing/orders/{draft.Id()}/confirm", null, HttpStatusCode.OK);
    }

    public Task<HttpResponseMessage> ReceiveAsync(JsonElement order, params object[] lines) =>
        Http.PostAsJsonAsync($"/api/v1/purchasing/orders/{order.Id()}/receipts", new { date = Date, lines }, Ct);

    public Task<JsonElement> OrderByIdAsync(Guid id) => GetAsync($"/api/v1/purchasing/orders/{id}");

    public async Task<Guid> AccountIdAsync(string code)
    {
        var accounts = await GetAsync("/api/v1/accounting/accounts");
        var list = accounts.ValueKind == JsonValueKind.Array ? accounts : accounts.GetProperty("items");
        return list.EnumerateArray().Single(a => a.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> PostAsync(string url, object? body, HttpStatusCode expected) => await Post(Http, url, body, expected);

    private static async Task<JsonElement> Post(HttpClient http, string url, object? body, HttpStatusCode expected)
    {
        var response = await http.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetAsync(string url)
    {
        var response = await Http.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The closing balance (debit positive) of an account from the trial balance.</summary>
    public async Task<decimal> AccountBalanceAsync(string code)
    {
        var tb = await GetAsync($"/api/v1/accounting/reports/trial-balance?from=2025-01-01&to={Math.Max(2025, DateTime.UtcNow.Year)}-12-31");
        var row = tb.GetProperty("rows").EnumerateArray().FirstOrDefault(r => r.GetProperty("code").GetString() == code);
        return row.ValueKind == JsonValueKind.Undefined ? 0m : Amount(row.GetProperty("closing"));
    }

    /// <summary>Everything a refused request must leave as it was: orders, receipts, matches, moves, stock, ledger entries.</summary>
    public async Task<string> StateAsync()
    {
        var orders = await GetAsync("/api/v1/purchasing/orders?limit=500");
        var details = new List<string>();
        foreach (var order in orders.GetProperty("items").EnumerateArray())
            details.Add((await OrderByIdAsync(order.Id())).GetRawText());
        var receipts = await GetAsync("/api/v1/purchasing/receipts");
        var matches = await GetAsync("/api/v1/purchasing/bill-matches");
        var moves = await GetAsync("/api/v1/inventory/moves?limit=500");
        var stock = await GetAsync("/api/v1/inventory/stock?limit=500");
        var lots = await GetAsync("/api/v1/inventory/lots");
        var entries = await GetAsync("/api/v1/accounting/journal-entries?limit=500");
        var invoices = await GetAsync("/api/v1/accounting/invoices?limit=500");
        return string.Join("\n", string.Join("\n", details), receipts.GetRawText(), matches.GetRawText(), moves.GetProperty("items").GetRawText(),
            stock.GetProperty("items").GetRawText(), lots.GetRawText(), entries.GetProperty("items").GetArrayLength(), invoices.GetProperty("items").GetRawText());
    }

    /// <summary>The stock and ledger checks find nothing wrong in this company.</summary>
    public async Task AssertConsistentAsync()
    {
        await using var scope = server.ScopeFor(CompanyId);
        foreach (var name in new[] { "stock", "ledger" })
        {
            var check = scope.ServiceProvider.GetServices<IConsistencyCheck>().Single(c => c.Name == name);
            var violations = (await check.RunAsync(Ct)).Where(v => v.CompanyId == CompanyId).ToList();
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        }
    }

    public static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).TryGetProperty("code", out var code) ? code.GetString() : null;
}

internal static class JsonIds
{
    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static JsonElement Line(this JsonElement order, int number) =>
        order.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("lineNumber").GetInt32() == number);
}
