using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Consistency;
using Tandem.Testing;

namespace Tandem.Accounting.Tests.Features;

/// <summary>A finance manager working in a company of their own, with the default chart and fiscal year 2025 open.</summary>
internal sealed class LedgerClient(TandemServer server, HttpClient http, Guid companyId, Dictionary<string, Guid> accounts)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Http { get; } = http;
    public Guid CompanyId { get; } = companyId;

    public Guid Account(string code) => accounts[code];

    public static async Task<LedgerClient> NewCompanyAsync(TandemServer server, string role = "finance_manager")
    {
        var companyId = await server.CreateCompanyAsync("L" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var (email, password) = await server.CreateUserAsync([role, "finance_manager"], companyId);
        var http = await server.ClientFor(email, password);
        var loaded = await http.PostAsync("/api/v1/accounting/accounts/default-chart", null, Ct);
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        var year = await http.PostAsJsonAsync("/api/v1/accounting/fiscal-years", new { year = 2025 }, Ct);
        Assert.Equal(HttpStatusCode.Created, year.StatusCode);
        var chart = await http.GetFromJsonAsync<JsonElement>("/api/v1/accounting/accounts", Ct);
        var accounts = chart.EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!, a => a.GetProperty("id").GetGuid());
        return new LedgerClient(server, http, companyId, accounts);
    }

    public static object Eur(decimal amount) => new { amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), currency = "EUR" };

    public static object Money(decimal amount, string currency) => new { amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), currency };

    /// <summary>A line in EUR: a positive amount debits, a negative one credits.</summary>
    public object Line(string account, decimal amount, Guid? partyId = null) =>
        amount > 0
            ? new { accountId = Account(account), debit = Eur(amount), partyId }
            : new { accountId = Account(account), credit = Eur(-amount), partyId };

    public Task<HttpResponseMessage> CreateAsync(string date, string description, object[] lines, bool post) =>
        Http.PostAsJsonAsync($"/api/v1/accounting/journal-entries{(post ? "?post=true" : "")}", new { date, description, lines }, Ct);

    public async Task<JsonElement> PostEntryAsync(string date, string description, params object[] lines)
    {
        var response = await CreateAsync(date, description, lines, post: true);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body;
    }

    public async Task<JsonElement> GetAsync(string url)
    {
        var response = await Http.GetAsync(url, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>Every posted entry and how many balance rows there are: what "nothing written" compares.</summary>
    public async Task<(int Entries, decimal TotalDebit)> LedgerStateAsync()
    {
        var tb = await GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-01-01&to=2025-12-31");
        var list = await GetAsync("/api/v1/accounting/journal-entries?limit=500");
        return (list.GetProperty("items").GetArrayLength(), Amount(tb.GetProperty("totalDebit")));
    }

    public static decimal Amount(JsonElement money) =>
        decimal.Parse(money.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The trial balance balances and the ledger check (balances equal the sum of lines) finds nothing.</summary>
    public async Task AssertLedgerConsistentAsync()
    {
        var tb = await GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-01-01&to=2025-12-31");
        Assert.True(tb.GetProperty("balanced").GetBoolean(), tb.ToString());
        Assert.Equal(Amount(tb.GetProperty("totalDebit")), Amount(tb.GetProperty("totalCredit")));
        await using var scope = server.ScopeFor(CompanyId);
        var check = scope.ServiceProvider.GetServices<IConsistencyCheck>().Single(c => c.Name == "ledger");
        var violations = await check.RunAsync(Ct);
        Assert.Empty(violations);
    }

    public static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).TryGetProperty("code", out var code) ? code.GetString() : null;
}
