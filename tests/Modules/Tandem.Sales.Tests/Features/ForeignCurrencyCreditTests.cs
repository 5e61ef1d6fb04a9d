using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Sales.Tests.Features;

/// <summary>
/// The credit check of a EUR company for a customer quoted in US dollars: every part of the exposure converted to EUR at
/// the rate of the day (the latest on or before today) and weighed against the EUR limit.
/// </summary>
public abstract class ForeignCurrencyCreditTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => SalesClient.Today;

    private static decimal Amount(JsonElement money) => SalesClient.Amount(money);

    private static async Task RateAsync(SalesClient rep, string currency, DateOnly date, decimal rate)
    {
        var response = await rep.Http.PostAsJsonAsync("/api/v1/accounting/exchange-rates", new { currency, date = SalesClient.Iso(date), rate }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task QuoteInAsync(SalesClient rep, string currency)
    {
        var terms = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/sales/customers/{rep.CustomerId}/terms") { Content = JsonContent.Create(new { currency }) };
        terms.Headers.TryAddWithoutValidation("If-Match", "*");
        var response = await rep.Http.SendAsync(terms, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>A quote of one untaxed line at a price in US dollars.</summary>
    private static Task<JsonElement> UsdQuoteAsync(SalesClient rep, Guid product, decimal quantity, decimal unitPrice) =>
        rep.PostAsync("/api/v1/sales/quotes", new
        {
            accountId = rep.AccountId,
            lines = new[] { new { productId = product, quantity, unitPrice = new { amount = unitPrice.ToString(System.Globalization.CultureInfo.InvariantCulture), currency = "USD" } } },
        }, HttpStatusCode.Created);

    private static (decimal Open, decimal Uninvoiced, decimal Document, decimal Exposure, decimal? Limit) Figures(JsonElement credit) =>
        (credit.GetProperty("openReceivables").GetDecimal(), credit.GetProperty("uninvoicedOrders").GetDecimal(), credit.GetProperty("document").GetDecimal(),
            credit.GetProperty("exposure").GetDecimal(), credit.GetProperty("limit").ValueKind == JsonValueKind.Null ? null : credit.GetProperty("limit").GetDecimal());

    [Fact]
    public async Task A_usd_quote_is_converted_at_the_rate_of_the_day_and_weighed_against_the_eur_limit()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-FX", 500m, stock: 20, cost: 300m);
        await rep.CreditLimitAsync(2000m);
        // The rate of the day is the latest on or before today: 0.9234 from two days ago, not the older 0.5 nor tomorrow's 5.
        await RateAsync(rep, "USD", Today.AddDays(-30), 0.5m);
        await RateAsync(rep, "USD", Today.AddDays(-2), 0.9234m);
        await RateAsync(rep, "USD", Today.AddDays(1), 5m);
        await QuoteInAsync(rep, "USD");

        // Within: 1 × 1,000.00 USD × 0.9234 = 923.40 EUR ≤ 2,000.00 EUR.
        var within = await UsdQuoteAsync(rep, bike, 1m, 1000m);
        var shown = await rep.GetAsync($"/api/v1/sales/quotes/{within.Id()}/credit");
        Assert.Equal((0m, 0m, 923.40m, 923.40m, (decimal?)2000m), Figures(shown));
        Assert.Equal(("EUR", "USD", 1000m, SalesClient.Iso(Today), false), (shown.Str("currency"), shown.Str("documentCurrency"),
            shown.GetProperty("documentAmount").GetDecimal(), shown.Str("rateDate"), shown.GetProperty("blocked").GetBoolean()));
        var order = await rep.PostAsync($"/api/v1/sales/quotes/{within.Id()}/accept", new { }, HttpStatusCode.Created);
        await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/confirm", new { }, HttpStatusCode.OK);

        // Over: the confirmed order's 1,000.00 USD uninvoiced = 923.40 EUR, plus 1 × 1,200.00 USD × 0.9234 = 1,108.08 EUR:
        // 923.40 + 1,108.08 = 2,031.48 EUR > 2,000.00 EUR.
        var over = await UsdQuoteAsync(rep, bike, 1m, 1200m);
        var before = await rep.StateAsync();
        var refused = await rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{over.Id()}/accept", new { }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("credit_limit_exceeded", problem.Str("code"));
        var credit = problem.GetProperty("credit");
        Assert.Equal((0m, 923.40m, 1108.08m, 2031.48m, (decimal?)2000m), Figures(credit));
        Assert.Equal(("EUR", "USD", 1200m), (credit.Str("currency"), credit.Str("documentCurrency"), credit.GetProperty("documentAmount").GetDecimal()));
        Assert.Contains("2031.48 EUR", problem.Str("title"), StringComparison.Ordinal);
        Assert.Equal(before, await rep.StateAsync());

        // Sent for approval, the request keeps the document's own amount and the converted exposure.
        var pending = await rep.PostAsync($"/api/v1/sales/quotes/{over.Id()}/accept", new { requestApproval = true }, HttpStatusCode.Accepted);
        Assert.Equal((1200m, "USD", 2031.48m), (Amount(pending.GetProperty("amount")), pending.GetProperty("amount").Str("currency"), pending.GetProperty("exposure").GetDecimal()));
    }

    [Fact]
    public async Task Uninvoiced_orders_in_two_currencies_both_count_towards_the_exposure()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-2C", 500m, stock: 20, cost: 300m);
        await rep.CreditLimitAsync(3000m);
        await RateAsync(rep, "USD", Today, 0.9234m);

        // A EUR order: 2 × 500.00 = 1,000.00 EUR, confirmed.
        var eur = await rep.OrderAsync((bike, 2m, 0m, false));
        await rep.PostAsync($"/api/v1/sales/orders/{eur.Id()}/confirm", new { }, HttpStatusCode.OK);
        // The customer moves to USD: an order of 1 × 1,000.00 USD = 923.40 EUR, confirmed. Uninvoiced: 1,923.40 EUR.
        await QuoteInAsync(rep, "USD");
        var usdQuote = await UsdQuoteAsync(rep, bike, 1m, 1000m);
        var usd = await rep.PostAsync($"/api/v1/sales/quotes/{usdQuote.Id()}/accept", new { }, HttpStatusCode.Created);
        await rep.PostAsync($"/api/v1/sales/orders/{usd.Id()}/confirm", new { }, HttpStatusCode.OK);

        // 1,923.40 + 1 × 1,200.00 USD × 0.9234 = 1,108.08 → 3,031.48 EUR > 3,000.00 EUR: refused.
        var over = await UsdQuoteAsync(rep, bike, 1m, 1200m);
        var refused = await rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{over.Id()}/accept", new { }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((0m, 1923.40m, 1108.08m, 3031.48m, (decimal?)3000m), Figures(problem.GetProperty("credit")));

        // 1,923.40 + 1 × 1,000.00 USD × 0.9234 = 923.40 → 2,846.80 EUR ≤ 3,000.00 EUR: accepted.
        var within = await UsdQuoteAsync(rep, bike, 1m, 1000m);
        Assert.Equal((0m, 1923.40m, 923.40m, 2846.80m, (decimal?)3000m), Figures(await rep.GetAsync($"/api/v1/sales/quotes/{within.Id()}/credit")));
        await rep.PostAsync($"/api/v1/sales/quotes/{within.Id()}/accept", new { }, HttpStatusCode.Created);

        // Invoicing the EUR order (2 × 500.00 delivered and invoiced, no tax) moves its 1,000.00 EUR from uninvoiced
        // orders to open receivables: 1,000.00 open + 923.40 uninvoiced + 923.40 this quote = 2,846.80 EUR.
        await rep.PostAsync($"/api/v1/sales/orders/{eur.Id()}/deliveries", new { }, HttpStatusCode.OK);
        await rep.PostAsync($"/api/v1/sales/orders/{eur.Id()}/invoices", new { }, HttpStatusCode.OK);
        var another = await UsdQuoteAsync(rep, bike, 1m, 1000m);
        Assert.Equal((1000m, 923.40m, 923.40m, 2846.80m, (decimal?)3000m), Figures(await rep.GetAsync($"/api/v1/sales/quotes/{another.Id()}/credit")));
    }

    [Fact]
    public async Task Without_a_rate_for_the_day_a_usd_document_is_refused_with_the_currency_and_date_and_nothing_is_written()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-NR", 500m, stock: 20, cost: 300m);
        await rep.CreditLimitAsync(5000m);
        // A rate dated tomorrow is not in force today.
        await RateAsync(rep, "USD", Today.AddDays(1), 0.9m);
        await QuoteInAsync(rep, "USD");
        var quote = await UsdQuoteAsync(rep, bike, 1m, 100m);

        var shown = await rep.GetAsync($"/api/v1/sales/quotes/{quote.Id()}/credit");
        Assert.Equal(("USD", true), (shown.Str("rateMissing"), shown.GetProperty("blocked").GetBoolean()));

        var before = await rep.StateAsync();
        var refused = await rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{quote.Id()}/accept", new { }, Ct);
        var body = await refused.Content.ReadAsStringAsync(Ct);
        Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, body);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("currency_rate_missing", "USD", SalesClient.Iso(Today)), (problem.Str("code"), problem.Str("currency"), problem.Str("date")));
        Assert.Contains($"No USD exchange rate on or before {SalesClient.Iso(Today)}", problem.Str("title"), StringComparison.Ordinal);
        Assert.Equal(before, await rep.StateAsync());

        // A finance manager may still let it through: with requestApproval it waits for a decision, as any blocked document.
        var pending = await rep.PostAsync($"/api/v1/sales/quotes/{quote.Id()}/accept", new { requestApproval = true }, HttpStatusCode.Accepted);
        Assert.Equal("pending", pending.Str("status"));
        Assert.Contains("No USD exchange rate", pending.Str("reason"), StringComparison.Ordinal);

        // Once today's rate is entered, 100.00 USD × 0.95 = 95.00 EUR is within the limit and the quote is accepted.
        await RateAsync(rep, "USD", Today, 0.95m);
        var other = await UsdQuoteAsync(rep, bike, 1m, 100m);
        Assert.Equal((0m, 0m, 95m, 95m, (decimal?)5000m), Figures(await rep.GetAsync($"/api/v1/sales/quotes/{other.Id()}/credit")));
        await rep.PostAsync($"/api/v1/sales/quotes/{other.Id()}/accept", new { }, HttpStatusCode.Created);
    }
}

public sealed class ForeignCurrencyCreditTestsOnSqlite(SqliteServer server) : ForeignCurrencyCreditTests(server), IClassFixture<SqliteServer>;

public sealed class ForeignCurrencyCreditTestsOnPostgres(PostgresServer server) : ForeignCurrencyCreditTests(server), IClassFixture<PostgresServer>;
