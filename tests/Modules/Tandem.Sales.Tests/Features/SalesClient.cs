using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Inventory.Contracts;
using Tandem.Platform.Consistency;
using Tandem.Testing;

namespace Tandem.Sales.Tests.Features;

/// <summary>
/// One person holding every order-to-cash role in a company of their own: the default chart, this year's fiscal
/// year open, unit pc, one warehouse, a customer account in the CRM, VAT 20 %.
/// </summary>
internal sealed class SalesClient(TandemServer server, HttpClient http, Guid companyId, Guid warehouseId, Guid customerId, Guid accountId, Guid vatId)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly string[] AllRoles = ["sales_rep", "finance_manager", "accountant", "warehouse", "purchasing"];

    public TandemServer Server { get; } = server;
    public HttpClient Http { get; } = http;
    public Guid CompanyId { get; } = companyId;
    public Guid WarehouseId { get; } = warehouseId;
    public Guid CustomerId { get; } = customerId;
    public Guid AccountId { get; } = accountId;
    public Guid VatId { get; } = vatId;

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<SalesClient> NewCompanyAsync(TandemServer server)
    {
        var companyId = await server.CreateCompanyAsync("S" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var (email, password) = await server.CreateUserAsync(AllRoles, companyId);
        var http = await server.ClientFor(email, password);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/v1/accounting/accounts/default-chart", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/accounting/fiscal-years", new { year = Today.Year }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/catalog/units", new { code = "pc", name = "Piece", dimension = "count", factor = 1m }, Ct)).StatusCode);
        var warehouse = await Post(http, "/api/v1/inventory/warehouses", new { code = "WH1", name = "Main" }, HttpStatusCode.Created);
        var account = await Post(http, "/api/v1/crm/accounts", new { name = "Velo Retail " + companyId.ToString("N")[..6], industry = "Retail", segment = "SMB" }, HttpStatusCode.Created);
        var accounts = await Get(http, "/api/v1/accounting/accounts");
        var list = accounts.ValueKind == JsonValueKind.Array ? accounts : accounts.GetProperty("items");
        Guid Account(string code) => list.EnumerateArray().Single(a => a.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();
        var vat = await Post(http, "/api/v1/accounting/taxes",
            new { code = "VAT20", name = "VAT 20 %", rate = 20m, priceIncludesTax = false, salesAccountId = Account("2100"), purchaseAccountId = Account("1300") }, HttpStatusCode.Created);
        return new SalesClient(server, http, companyId, warehouse.Id(), account.GetProperty("partyId").GetGuid(), account.Id(), vat.Id());
    }

    public static object Eur(decimal amount) => new { amount = amount.ToString(CultureInfo.InvariantCulture), currency = "EUR" };

    public static decimal Amount(JsonElement money) => decimal.Parse(money.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);

    /// <summary>A product at a list price; goods get <paramref name="stock"/> received at <paramref name="cost"/> each.</summary>
    public async Task<Guid> ProductAsync(string sku, decimal listPrice, decimal stock = 0m, decimal cost = 0m, string kind = "goods", int leadTimeDays = 10)
    {
        var product = await PostAsync("/api/v1/catalog/products", new { sku, name = sku, kind, unit = "pc", listPrice = Eur(listPrice) }, HttpStatusCode.Created);
        var id = product.Id();
        if (kind == "goods")
        {
            var settings = await Http.PutAsJsonAsync($"/api/v1/inventory/products/{id}/settings", new { tracking = "none", leadTimeDays }, Ct);
            Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync(Ct));
        }
        if (stock > 0)
        {
            await PostAsync("/api/v1/inventory/moves",
                new { kind = "receipt", productId = id, quantity = stock, warehouseId = WarehouseId, unitCost = Eur(cost), scheduledDate = Iso(Today), done = true }, HttpStatusCode.Created);
        }
        return id;
    }

    /// <summary>On hand, reserved and available in the warehouse.</summary>
    public async Task<(decimal OnHand, decimal Reserved, decimal Available)> StockAsync(Guid productId)
    {
        await using var scope = Server.ScopeFor(CompanyId);
        var level = await scope.ServiceProvider.GetRequiredService<IInventoryModule>().GetStockAsync(productId, WarehouseId, Ct);
        return (level.OnHand, level.Reserved, level.Available);
    }

    public async Task CreditLimitAsync(decimal limit) =>
        Assert.True((await Http.PutAsJsonAsync($"/api/v1/accounting/parties/{CustomerId}/credit-limit", new { limit = Eur(limit) }, Ct)).IsSuccessStatusCode);

    /// <summary>A quote for the account, lines as (product, quantity, discount %, taxed).</summary>
    public Task<JsonElement> QuoteAsync(params (Guid Product, decimal Quantity, decimal Discount, bool Taxed)[] lines) =>
        PostAsync("/api/v1/sales/quotes", new
        {
            accountId = AccountId,
            lines = lines.Select(l => new { productId = l.Product, quantity = l.Quantity, discountPercent = l.Discount, taxId = l.Taxed ? VatId : (Guid?)null }).ToArray(),
        }, HttpStatusCode.Created);

    /// <summary>A quote accepted into a draft order.</summary>
    public async Task<JsonElement> OrderAsync(params (Guid Product, decimal Quantity, decimal Discount, bool Taxed)[] lines)
    {
        var quote = await QuoteAsync(lines);
        return await PostAsync($"/api/v1/sales/quotes/{quote.Id()}/accept", new { }, HttpStatusCode.Created);
    }

    public async Task<JsonElement> PostAsync(string url, object? body, HttpStatusCode expected) => await Post(Http, url, body, expected);

    public static async Task<JsonElement> Post(HttpClient http, string url, object? body, HttpStatusCode expected)
    {
        var response = await http.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> GetAsync(string url) => Get(Http, url);

    public static async Task<JsonElement> Get(HttpClient http, string url)
    {
        var response = await http.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The closing balance (debit positive) of an account from this year's trial balance.</summary>
    public async Task<decimal> AccountBalanceAsync(string code)
    {
        var tb = await GetAsync($"/api/v1/accounting/reports/trial-balance?from={Today.Year}-01-01&to={Today.Year}-12-31");
        var row = tb.GetProperty("rows").EnumerateArray().FirstOrDefault(r => r.GetProperty("code").GetString() == code);
        return row.ValueKind == JsonValueKind.Undefined ? 0m : Amount(row.GetProperty("closing"));
    }

    /// <summary>Everything a refused request must leave as it was: quotes, orders, approvals, moves, stock, invoices, entries.</summary>
    public async Task<string> StateAsync()
    {
        var quotes = await GetAsync("/api/v1/sales/quotes?limit=500");
        var details = new List<string>();
        foreach (var quote in quotes.GetProperty("items").EnumerateArray())
            details.Add((await GetAsync($"/api/v1/sales/quotes/{quote.Id()}")).GetRawText());
        var orders = await GetAsync("/api/v1/sales/orders?limit=500");
        foreach (var order in orders.GetProperty("items").EnumerateArray())
            details.Add((await GetAsync($"/api/v1/sales/orders/{order.Id()}")).GetRawText());
        var approvals = await GetAsync("/api/v1/sales/approvals");
        var moves = await GetAsync("/api/v1/inventory/moves?limit=500");
        var stock = await GetAsync("/api/v1/inventory/stock?limit=500");
        var entries = await GetAsync("/api/v1/accounting/journal-entries?limit=500");
        var invoices = await GetAsync("/api/v1/accounting/invoices?limit=500");
        return string.Join("\n", string.Join("\n", details), approvals.GetRawText(), moves.GetProperty("items").GetRawText(), stock.GetProperty("items").GetRawText(),
            entries.GetProperty("items").GetArrayLength(), invoices.GetProperty("items").GetRawText());
    }

    /// <summary>The stock and ledger checks find nothing wrong in this company.</summary>
    public async Task AssertConsistentAsync()
    {
        await using var scope = Server.ScopeFor(CompanyId);
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

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static JsonElement Line(this JsonElement document, int number) =>
        document.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("lineNumber").GetInt32() == number);
}
