using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Catalog.Data;
using Tandem.Catalog.Features.ListProducts;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>Money is filtered, sorted and summed by the database itself, exactly, on both providers.</summary>
public abstract class ExactDecimalStorageTests(TandemServer server)
{
    [Fact]
    public async Task Sum_filter_and_sort_on_money_run_in_SQL_and_are_exact()
    {
        var client = await server.AdminClient();
        var prefix = "Exact" + Guid.NewGuid().ToString("N")[..6];
        // Amounts a double cannot hold exactly; by hand: 0.1 + 0.2 + 1234567.8901 + 0.0001 = 1234568.1902.
        decimal[] prices = [0.1m, 0.2m, 1234567.8901m, 0.0001m];
        for (var i = 0; i < prices.Length; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/catalog/products", new
            {
                sku = $"{prefix}-{i}",
                name = $"{prefix} {i}",
                kind = "goods",
                unit = "pc",
                listPrice = new { amount = prices[i].ToString(System.Globalization.CultureInfo.InvariantCulture), currency = "EUR" },
            }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        await using var scope = server.ScopeFor();
        var query = scope.ServiceProvider.GetRequiredService<ListProductsQuery>();
        var totals = await query.TotalsAsync(new ProductFilter(Name: prefix), TestContext.Current.CancellationToken);
        Assert.Equal(4, totals.Products);
        Assert.Equal(1234568.1902m, totals.ListPriceTotal);

        // A range filter on the amount: 0.0001 < price <= 0.2 keeps 0.1 and 0.2.
        var cheap = await query.TotalsAsync(new ProductFilter(Name: prefix, MinPrice: 0.0002m, MaxPrice: 0.2m), TestContext.Current.CancellationToken);
        Assert.Equal(0.3m, cheap.ListPriceTotal);

        // The aggregate is translated to SQL rather than evaluated in memory.
        var db = scope.ServiceProvider.GetRequiredService<CatalogDb>();
        var sql = db.Products.Where(p => p.ListPrice.Amount > 0.15m).OrderBy(p => p.ListPrice.Amount).Select(p => p.ListPrice.Amount).ToQueryString();
        Assert.Contains("ORDER BY", sql, StringComparison.Ordinal);
        Assert.Contains("list_price_amount", sql, StringComparison.Ordinal);

        var sorted = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(
            $"/api/v1/catalog/products?name={prefix}&sort=-listPrice", TandemServer.Json, TestContext.Current.CancellationToken);
        var amounts = sorted.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("listPrice").GetProperty("amount").GetString()).ToList();
        Assert.Equal(["1234567.8901", "0.20", "0.10", "0.0001"], amounts);
    }
}

public sealed class ExactDecimalStorageOnSqlite(SqliteServer server) : ExactDecimalStorageTests(server), IClassFixture<SqliteServer>;

public sealed class ExactDecimalStorageOnPostgres(PostgresServer server) : ExactDecimalStorageTests(server), IClassFixture<PostgresServer>;
