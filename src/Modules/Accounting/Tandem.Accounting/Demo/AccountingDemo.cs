using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Features.Accounts;
using Tandem.Accounting.Features.Budgets;
using Tandem.Accounting.Features.ExchangeRates;
using Tandem.Accounting.Features.Invoices;
using Tandem.Accounting.Features.JournalEntries;
using Tandem.Accounting.Features.Payments;
using Tandem.Accounting.Features.Periods;
using Tandem.Accounting.Features.Taxes;
using Tandem.Parties.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Demo;

/// <summary>
/// The demo company's ledger: the default chart, VAT and payment terms, last and this fiscal year, and twelve months
/// of trading (invoices, bills, receipts, payments, rent and salaries) posted through the same handlers users go
/// through, so every report shows real figures on first run. The last months stay partly unpaid for the aged reports.
/// </summary>
internal static class AccountingDemo
{
    private static readonly (string Name, bool Customer)[] DemoParties =
    [
        ("Blue Yonder Airlines", true),
        ("Wingtip Toys", true),
        ("Proseware Supplies", false),
    ];

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
        var setup = services.GetRequiredService<TaxesAndTermsHandler>();
        var vat = Check(await setup.DefineTaxAsync(new TaxInput("VAT20", "VAT 20 %", 20m, false, accounts["2100"], accounts["1300"]), ct), "VAT").Id;
        Check(await setup.DefineTaxAsync(new TaxInput("VAT5", "VAT 5 %", 5m, false, accounts["2100"], accounts["1300"]), ct), "VAT 5");
        var net30 = Check(await setup.DefineTermAsync(new PaymentTermInput("NET30", "30 days", [new(InstalmentKind.Remainder, 0m, 30, false)]), ct), "NET30").Id;
        Check(await setup.DefineTermAsync(new PaymentTermInput("3X30", "Three monthly instalments",
            [new(InstalmentKind.Percent, 40m, 30, false), new(InstalmentKind.Percent, 30m, 60, false), new(InstalmentKind.Remainder, 0m, 90, false)]), ct), "3X30");

        var partiesModule = services.GetRequiredService<IPartiesModule>();
        var parties = new List<Guid>();
        foreach (var (name, customer) in DemoParties)
        {
            var party = await partiesModule.RegisterAsync(new NewParty(PartyKind.Organisation, name, IsCustomer: customer, IsSupplier: !customer), ct);
            parties.Add(Check(party, name).Id);
        }

        var entries = services.GetRequiredService<JournalEntriesHandler>();
        var invoices = services.GetRequiredService<InvoicesHandler>();
        var payments = services.GetRequiredService<PaymentsHandler>();
        var eur = CurrencyCode.Eur;

        async Task Entry(DateOnly date, string description, params (string Account, decimal Debit, decimal Credit)[] lines)
        {
            var input = new JournalEntryInput(date, description, null, lines.Select(l => new JournalLineInput(
                accounts[l.Account], l.Debit > 0 ? new Money(l.Debit, eur) : null, l.Credit > 0 ? new Money(l.Credit, eur) : null)).ToList());
            Check(await entries.CreateAsync(input, post: true, ct), description);
        }

        async Task<InvoiceDto> Invoice(InvoiceKind kind, int party, DateOnly date, string text, decimal quantity, decimal price, string account) =>
            Check(await invoices.CreateAsync(new InvoiceInput(kind, parties[party], date, "EUR", net30, null,
                [new InvoiceLineInput(text, quantity, price, accounts[account], vat)]), post: true, ct), text);

        async Task Pay(PaymentDirection direction, int party, DateOnly date, InvoiceDto invoice) =>
            Check(await payments.RegisterAsync(new PaymentInput(direction, parties[party], date, invoice.Total, null, null,
                [new AllocationInput(invoice.Id, invoice.Total)]), ct), $"payment of {invoice.Number}");

        // Twelve months ending with the current one; amounts vary by month so the reports have shape.
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var budgets = services.GetRequiredService<BudgetsHandler>();
        for (var i = 0; i < 12; i++)
        {
            var month = first.AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (account, amount) in new[] { ("4000", 11_000m), ("4100", 1_200m), ("5000", 5_800m), ("6000", 4_200m), ("6100", 1_800m) })
                Check(await budgets.SetAsync(new BudgetInput(accounts[account], month, new Money(amount, eur)), ct), "budget");
        }
        await Entry(first, "Share capital paid in", ("1000", 60_000m, 0m), ("3000", 0m, 60_000m));
        await Entry(first.AddDays(1), "Delivery van bought", ("1500", 18_000m, 0m), ("1000", 0m, 18_000m));
        for (var i = 0; i < 12; i++)
        {
            var month = first.AddMonths(i);
            var bikes = 20 + (i * 7 % 9);
            var sale = await Invoice(InvoiceKind.CustomerInvoice, 0, month.AddDays(3), $"Touring bikes {month:MMM yyyy}", bikes, 450m, "4000");
            var service = await Invoice(InvoiceKind.CustomerInvoice, 1, month.AddDays(12), $"Workshop service {month:MMM yyyy}", 10 + i % 4, 95m, "4100");
            var stock = await Invoice(InvoiceKind.VendorBill, 2, month.AddDays(5), $"Frames and parts {month:MMM yyyy}", bikes, 240m, "5000");
            await Entry(month.AddDays(9), $"Rent {month:MMMM yyyy}", ("6100", 1_800m, 0m), ("1000", 0m, 1_800m));
            await Entry(month.AddDays(24), $"Salaries {month:MMMM yyyy}", ("6000", 4_200m, 0m), ("1000", 0m, 4_200m));
            await Entry(month.AddDays(14), $"Utilities {month:MMMM yyyy}", ("6200", 310m + 15m * (i % 4), 0m), ("1000", 0m, 310m + 15m * (i % 4)));
            // Customers pay a month later, except the last two months and one invoice Wingtip never paid.
            if (i < 10)
            {
                await Pay(PaymentDirection.In, 0, month.AddMonths(1).AddDays(4), sale);
                if (i != 6)
                    await Pay(PaymentDirection.In, 1, month.AddMonths(1).AddDays(12), service);
            }
            if (i < 11)
                await Pay(PaymentDirection.Out, 2, month.AddMonths(1).AddDays(2), stock);
        }
    }

    private static T Check<T>(Result<T> result, string what) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Demo {what} was refused: {result.Error!.Code} {result.Error.Message}");
}
