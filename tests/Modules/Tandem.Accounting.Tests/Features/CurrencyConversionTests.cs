using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Accounting.Contracts;
using Tandem.SharedKernel;
using Tandem.Testing;

namespace Tandem.Accounting.Tests.Features;

/// <summary>Amounts converted for other modules at the rates in force on a date, several currencies in one call.</summary>
public abstract class CurrencyConversionTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = new(2025, 6, 15);

    private static Money M(decimal amount, string currency) => new(amount, new CurrencyCode(currency));

    private async Task RateAsync(LedgerClient ledger, string currency, DateOnly date, decimal rate)
    {
        var response = await ledger.Http.PostAsJsonAsync("/api/v1/accounting/exchange-rates", new { currency, date = date.ToString("yyyy-MM-dd"), rate }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<Result<IReadOnlyList<Money>>> ConvertAsync(LedgerClient ledger, IReadOnlyList<Money> amounts, string to, DateOnly date)
    {
        await using var scope = server.ScopeFor(ledger.CompanyId);
        return await scope.ServiceProvider.GetRequiredService<IAccountingModule>().ConvertAsync(amounts, new CurrencyCode(to), date, Ct);
    }

    [Fact]
    public async Task Amounts_in_several_currencies_are_converted_at_the_latest_rate_on_or_before_the_day()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        await RateAsync(ledger, "USD", Day.AddDays(-30), 0.5m);
        await RateAsync(ledger, "USD", Day.AddDays(-2), 0.9234m);
        await RateAsync(ledger, "USD", Day.AddDays(1), 5m);
        await RateAsync(ledger, "GBP", Day, 1.15m);

        // Into EUR: 100 USD × 0.9234 (the rate of two days before; the later 5.0 is not yet in force) = 92.34;
        // 50 GBP × 1.15 = 57.50; 10.005 EUR rounds to 10.01; 333.33 USD × 0.9234 = 307.796922 → 307.80.
        var toEur = await ConvertAsync(ledger, [M(100m, "USD"), M(50m, "GBP"), M(10.005m, "EUR"), M(333.33m, "USD")], "EUR", Day);
        Assert.True(toEur.IsSuccess, toEur.Error?.Message);
        Assert.Equal(new[] { M(92.34m, "EUR"), M(57.50m, "EUR"), M(10.01m, "EUR"), M(307.80m, "EUR") }, toEur.Value);

        // Out of EUR and across: 100 EUR / 0.9234 = 108.2954… → 108.30 USD; 50 GBP × 1.15 = 57.50 EUR / 0.9234 = 62.2699… → 62.27 USD.
        var toUsd = await ConvertAsync(ledger, [M(100m, "EUR"), M(50m, "GBP"), M(7m, "USD")], "USD", Day);
        Assert.Equal(new[] { M(108.30m, "USD"), M(62.27m, "USD"), M(7m, "USD") }, toUsd.Value);

        // The day before the USD rate of 0.9234 takes effect, the older 0.5 applies: 100 USD = 50.00 EUR.
        Assert.Equal(new[] { M(50m, "EUR") }, (await ConvertAsync(ledger, [M(100m, "USD")], "EUR", Day.AddDays(-3))).Value);
    }

    [Fact]
    public async Task A_currency_without_a_rate_on_or_before_the_day_is_named_in_the_refusal()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        await RateAsync(ledger, "USD", Day, 0.9m);

        var before = await ConvertAsync(ledger, [M(100m, "USD")], "EUR", Day.AddDays(-1));
        Assert.Equal("currency_rate_missing", before.Error?.Code);
        Assert.Equal(("USD", "2025-06-14"), (before.Error!.Data!["currency"], before.Error.Data["date"]));

        var jpy = await ConvertAsync(ledger, [M(100m, "USD"), M(5000m, "JPY")], "EUR", Day);
        Assert.Equal(("currency_rate_missing", "JPY"), (jpy.Error?.Code, jpy.Error?.Data?["currency"]));
        Assert.Contains("JPY", jpy.Error!.Message, StringComparison.Ordinal);

        // Nothing foreign needs no rate.
        Assert.Equal(new[] { M(12.35m, "EUR") }, (await ConvertAsync(ledger, [M(12.345m, "EUR")], "EUR", Day)).Value);
    }
}

public sealed class CurrencyConversionOnSqlite(SqliteServer server) : CurrencyConversionTests(server), IClassFixture<SqliteServer>;

public sealed class CurrencyConversionOnPostgres(PostgresServer server) : CurrencyConversionTests(server), IClassFixture<PostgresServer>;
