using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Accounting.Data;
using Tandem.Accounting.Features.Accounts;
using Tandem.Accounting.Features.ExchangeRates;
using Tandem.Accounting.Features.JournalEntries;
using Tandem.Accounting.Features.Periods;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Demo;

/// <summary>
/// The demo company's ledger: the default chart, last and this fiscal year, and twelve months of trading posted
/// through the same handler users go through, so every report shows real figures on first run.
/// </summary>
internal static class AccountingDemo
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<LoadDefaultChartHandler>().HandleAsync(ct);
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var periods = services.GetRequiredService<PeriodsHandler>();
        foreach (var year in new[] { today.Year - 1, today.Year })
            Check(await periods.OpenYearAsync(new FiscalYearInput(year), ct), $"fiscal year {year}");
        var rates = services.GetRequiredService<ExchangeRatesHandler>();
        Check(await rates.SetAsync(new ExchangeRateInput("USD", new DateOnly(today.Year - 1, 1, 1), 0.9200m), ct), "USD rate");
        Check(await rates.SetAsync(new ExchangeRateInput("GBP", new DateOnly(today.Year - 1, 1, 1), 1.1700m), ct), "GBP rate");

        var db = services.GetRequiredService<AccountingDb>();
        var accounts = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Id, StringComparer.Ordinal, ct);
        var entries = services.GetRequiredService<JournalEntriesHandler>();
        var eur = CurrencyCode.Eur;

        async Task Post(DateOnly date, string description, params (string Account, decimal Debit, decimal Credit)[] lines)
        {
            var input = new JournalEntryInput(date, description, null, lines.Select(l => new JournalLineInput(
                accounts[l.Account],
                l.Debit > 0 ? new Money(l.Debit, eur) : null,
                l.Credit > 0 ? new Money(l.Credit, eur) : null)).ToList());
            Check(await entries.CreateAsync(input, post: true, ct), description);
        }

        // Twelve months ending with the current one; amounts vary by month so the reports have shape.
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        await Post(first, "Share capital paid in", ("1000", 50_000m, 0m), ("3000", 0m, 50_000m));
        await Post(first.AddDays(1), "Delivery van bought", ("1500", 18_000m, 0m), ("1000", 0m, 18_000m));
        for (var i = 0; i < 12; i++)
        {
            var month = first.AddMonths(i);
            var sales = 12_000m + 750m * ((i * 7) % 5);
            var cost = decimal.Round(sales * 0.55m, 2);
            var tax = decimal.Round(sales * 0.2m, 2);
            await Post(month.AddDays(4), $"Sales invoices {month:MMMM yyyy}", ("1100", sales + tax, 0m), ("4000", 0m, sales), ("2100", 0m, tax));
            await Post(month.AddDays(5), $"Stock purchases {month:MMMM yyyy}", ("5000", cost, 0m), ("1300", decimal.Round(cost * 0.2m, 2), 0m), ("2000", 0m, cost + decimal.Round(cost * 0.2m, 2)));
            await Post(month.AddDays(9), $"Rent {month:MMMM yyyy}", ("6100", 1_800m, 0m), ("1000", 0m, 1_800m));
            await Post(month.AddDays(24), $"Salaries {month:MMMM yyyy}", ("6000", 4_200m, 0m), ("1000", 0m, 4_200m));
            await Post(month.AddDays(14), $"Utilities {month:MMMM yyyy}", ("6200", 310m + 15m * (i % 4), 0m), ("1000", 0m, 310m + 15m * (i % 4)));
            if (month.AddMonths(1) <= today)
            {
                await Post(month.AddMonths(1).AddDays(2), $"Customer receipts for {month:MMMM yyyy}", ("1000", sales + tax, 0m), ("1100", 0m, sales + tax));
                await Post(month.AddMonths(1).AddDays(3), $"Supplier payments for {month:MMMM yyyy}", ("2000", cost + decimal.Round(cost * 0.2m, 2), 0m), ("1000", 0m, cost + decimal.Round(cost * 0.2m, 2)));
            }
        }
    }

    private static void Check<T>(Result<T> result, string what)
    {
        if (!result.IsSuccess)
            throw new InvalidOperationException($"Demo {what} was refused: {result.Error!.Code} {result.Error.Message}");
    }
}
