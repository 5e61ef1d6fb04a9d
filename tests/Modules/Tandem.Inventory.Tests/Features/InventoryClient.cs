using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Consistency;
using Tandem.Testing;

namespace Tandem.Inventory.Tests.Features;

/// <summary>
/// A warehouse manager (who may also run the books) in a company of their own: the default chart, fiscal year
/// 2025 open, units pc/box12/kg, one warehouse.
/// </summary>
internal sealed class InventoryClient(TandemServer server, HttpClient http, Guid companyId, JsonElement warehouse)
{
    public const string Date = "2025-03-10";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Http { get; } = http;
    public Guid CompanyId { get; } = companyId;
    public Guid WarehouseId => warehouse.GetProperty("id").GetGuid();
    public Guid StockLocationId => warehouse.GetProperty("stockLocationId").GetGuid();

    public static async Task<InventoryClient> NewCompanyAsync(TandemServer server)
    {
        var companyId = await server.CreateCompanyAsync("I" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var (email, password) = await server.CreateUserAsync(["warehouse", "finance_manager", "purchasing"], companyId);
        var http = await server.ClientFor(email, password);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/v1/accounting/accounts/default-chart", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/accounting/fiscal-years", new { year = 2025 }, Ct)).StatusCode);
        // Counts and moves without a date are done today.
        if (DateTime.UtcNow.Year != 2025)
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/accounting/fiscal-years", new { year = DateTime.UtcNow.Year }, Ct)).StatusCode);
        foreach (var (code, name, dimension, factor) in new[] { ("pc", "Piece", "count", 1m), ("box12", "Box of 12", "count", 12m), ("kg", "Kilogram", "mass", 1m) })
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/catalog/units", new { code, name, dimension, factor }, Ct)).StatusCode);
        var client = new InventoryClient(server, http, companyId, default);
        var created = await client.PostAsync("/api/v1/inventory/warehouses", new { code = "WH1", name = "Main" }, HttpStatusCode.Created);
        return new InventoryClient(server, http, companyId, created);
    }

    public static object Eur(decimal amount) => new { amount = amount.ToString(CultureInfo.InvariantCulture), currency = "EUR" };

    public static decimal Amount(JsonElement money) => decimal.Parse(money.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);

    public async Task<Guid> ProductAsync(string sku, string tracking = "none", string? valuation = null, string unit = "pc", string kind = "goods")
    {
        var product = await PostAsync("/api/v1/catalog/products", new { sku, name = sku, kind, unit, listPrice = Eur(10m) }, HttpStatusCode.Created);
        var id = product.GetProperty("id").GetGuid();
        if (kind == "goods")
        {
            var settings = await Http.PutAsJsonAsync($"/api/v1/inventory/products/{id}/settings", new { tracking, valuation, leadTimeDays = 10 }, Ct);
            Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync(Ct));
        }
        return id;
    }

    public Task<HttpResponseMessage> MoveAsync(object body) => Http.PostAsJsonAsync("/api/v1/inventory/moves", body, Ct);

    public async Task<JsonElement> ReceiveAsync(Guid product, decimal quantity, decimal unitCost, object[]? lines = null, Guid? supplier = null) =>
        await PostAsync("/api/v1/inventory/moves", new
        {
            kind = "receipt", productId = product, quantity, warehouseId = WarehouseId, unitCost = Eur(unitCost), scheduledDate = Date,
            done = true, lines, partyId = supplier,
        }, HttpStatusCode.Created);

    public async Task<JsonElement> DeliverAsync(Guid product, decimal quantity, object[]? lines = null, Guid? customer = null) =>
        await PostAsync("/api/v1/inventory/moves", new
        {
            kind = "delivery", productId = product, quantity, warehouseId = WarehouseId, scheduledDate = Date, done = true, lines, partyId = customer,
        }, HttpStatusCode.Created);

    public async Task<JsonElement> PostAsync(string url, object? body, HttpStatusCode expected)
    {
        var response = await Http.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetAsync(string url)
    {
        var response = await Http.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The closing balance (debit positive) of an account at the end of this year from the trial balance.</summary>
    public async Task<decimal> AccountBalanceAsync(string code)
    {
        var tb = await GetAsync($"/api/v1/accounting/reports/trial-balance?from=2025-01-01&to={Math.Max(2025, DateTime.UtcNow.Year)}-12-31");
        var row = tb.GetProperty("rows").EnumerateArray().FirstOrDefault(r => r.GetProperty("code").GetString() == code);
        return row.ValueKind == JsonValueKind.Undefined ? 0m : Amount(row.GetProperty("closing"));
    }

    /// <summary>Everything a refused request must leave as it was: moves, stock rows, valuation, ledger entries.</summary>
    public async Task<string> StateAsync()
    {
        var moves = await GetAsync("/api/v1/inventory/moves?limit=500");
        var stock = await GetAsync("/api/v1/inventory/stock?limit=500");
        var valuation = await GetAsync("/api/v1/inventory/reports/valuation");
        var lots = await GetAsync("/api/v1/inventory/lots");
        var levels = await GetAsync("/api/v1/inventory/stock/levels");
        var entries = await GetAsync("/api/v1/accounting/journal-entries?limit=500");
        return string.Join("\n", moves.GetProperty("items").GetRawText(), stock.GetProperty("items").GetRawText(), valuation.GetRawText(),
            lots.GetRawText(), levels.GetRawText(), entries.GetProperty("items").GetArrayLength());
    }

    /// <summary>The stock check (and the ledger check) find nothing wrong in this company.</summary>
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
