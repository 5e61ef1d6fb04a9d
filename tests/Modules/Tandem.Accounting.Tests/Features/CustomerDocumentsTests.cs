using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Accounting.Contracts;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;
using Tandem.Testing;

namespace Tandem.Accounting.Tests.Features;

/// <summary>What other modules ask of the ledger for order to cash: taxes to price with, customer documents posted in their unit of work, where invoices stand.</summary>
public abstract class CustomerDocumentsTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static decimal Amount(JsonElement money) => LedgerClient.Amount(money);

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return body;
    }

    private static async Task<Guid> CustomerAsync(LedgerClient ledger, string name) =>
        (await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name, isCustomer = true }, Ct))).GetProperty("id").GetGuid();

    private static async Task<Guid> TaxAsync(LedgerClient ledger, string code, decimal rate, bool included = false) =>
        (await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/taxes",
            new { code, name = code, rate, priceIncludesTax = included, salesAccountId = ledger.Account("2100"), purchaseAccountId = ledger.Account("1300") }, Ct)))
            .GetProperty("id").GetGuid();

    private static JsonElement Row(JsonElement report, string code) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == code);

    /// <summary>Runs the call in a unit of work of its own, as another module would, committing only when it succeeds.</summary>
    private async Task<Result<T>> InUnitAsync<T>(LedgerClient ledger, Func<IAccountingModule, Task<Result<T>>> call)
    {
        await using var scope = server.ScopeFor(ledger.CompanyId);
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await using var unit = await session.BeginAsync(Ct);
        var result = await call(scope.ServiceProvider.GetRequiredService<IAccountingModule>());
        if (result.IsSuccess)
            await unit.CommitAsync(Ct);
        return result;
    }

    private async Task<T> AskAsync<T>(LedgerClient ledger, Func<IAccountingModule, Task<T>> call)
    {
        await using var scope = server.ScopeFor(ledger.CompanyId);
        return await call(scope.ServiceProvider.GetRequiredService<IAccountingModule>());
    }

    [Fact]
    public async Task Taxes_are_listed_for_pricing_by_code()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var vat20 = await TaxAsync(ledger, "VAT20", 20m);
        await TaxAsync(ledger, "GROSS10", 10m, included: true);
        var taxes = await AskAsync(ledger, a => a.ListTaxesAsync(Ct));
        Assert.Equal(["GROSS10", "VAT20"], taxes.Select(t => t.Code));
        Assert.Equal(new TaxSummary(vat20, "VAT20", "VAT20", 20m, false), taxes[1]);
        Assert.True(taxes[0].PriceIncludesTax);

        // Another company's taxes are not this one's.
        var other = await LedgerClient.NewCompanyAsync(server);
        Assert.Empty(await AskAsync(other, a => a.ListTaxesAsync(Ct)));
    }

    [Fact]
    public async Task A_customer_invoice_and_credit_note_post_receivable_revenue_and_tax_with_gap_free_numbers()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var customer = await CustomerAsync(ledger, "Order Customer");
        var vat20 = await TaxAsync(ledger, "VAT20", 20m);
        var term = (await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/payment-terms", new
        {
            code = "HALF", name = "Half now, half in 30 days",
            instalments = new object[] { new { kind = "percent", percent = 50m, days = 0, endOfMonth = false }, new { kind = "remainder", percent = 0m, days = 30, endOfMonth = false } },
        }, Ct))).GetProperty("id").GetGuid();

        // 3 × 120.50 = 361.50 at VAT 20 % = 72.30; 1 × 19.99 without tax. Untaxed 381.49, tax 72.30, total 453.79.
        var invoice = await InUnitAsync(ledger, a => a.PostCustomerDocumentAsync(new CustomerDocumentRequest(
            InvoiceKind.CustomerInvoice, customer, new DateOnly(2025, 4, 10), null, "SO-2025-00001",
            [new("Frames", 3m, 120.50m, "4000", vat20), new("Delivery", 1m, 19.99m, "4100", null)], term), Ct));
        Assert.True(invoice.IsSuccess, invoice.Error?.Message);
        Assert.Equal("INV2025-00001", invoice.Value.Number);
        Assert.Equal((381.49m, 72.30m, 453.79m), (invoice.Value.Untaxed.Amount, invoice.Value.Tax.Amount, invoice.Value.Total.Amount));

        // Receivable 453.79 Dr; sales 361.50, services 19.99, output VAT 72.30 Cr.
        var tb = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-04-01&to=2025-04-30");
        Assert.Equal(453.79m, Amount(Row(tb, "1100").GetProperty("debit")));
        Assert.Equal(361.50m, Amount(Row(tb, "4000").GetProperty("credit")));
        Assert.Equal(19.99m, Amount(Row(tb, "4100").GetProperty("credit")));
        Assert.Equal(72.30m, Amount(Row(tb, "2100").GetProperty("credit")));

        // Two instalments: 453.79 × 50 % = 226.895 → 226.90 due 10 Apr, the rest 226.89 due 10 May.
        var doc = await ledger.GetAsync($"/api/v1/accounting/invoices/{invoice.Value.Id}");
        Assert.Equal("SO-2025-00001", doc.GetProperty("reference").GetString());
        var instalments = doc.GetProperty("instalments").EnumerateArray().ToList();
        Assert.Equal([226.90m, 226.89m], instalments.Select(i => Amount(i.GetProperty("amount"))));
        Assert.Equal(["2025-04-10", "2025-05-10"], instalments.Select(i => i.GetProperty("dueDate").GetString()));

        // The credit note for one frame: 120.50 + VAT 24.10 = 144.60 reverses receivable, revenue and tax.
        var credit = await InUnitAsync(ledger, a => a.PostCustomerDocumentAsync(new CustomerDocumentRequest(
            InvoiceKind.CustomerCreditNote, customer, new DateOnly(2025, 4, 20), "EUR", "RMA-1", [new("Frame returned", 1m, 120.50m, "4000", vat20)]), Ct));
        Assert.True(credit.IsSuccess, credit.Error?.Message);
        Assert.Equal("CN2025-00001", credit.Value.Number);
        Assert.Equal(144.60m, credit.Value.Total.Amount);
        tb = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-04-01&to=2025-04-30");
        // 453.79 − 144.60 = 309.19; 361.50 − 120.50 = 241.00; 72.30 − 24.10 = 48.20.
        Assert.Equal(309.19m, Amount(Row(tb, "1100").GetProperty("closing")));
        Assert.Equal(-241.00m, Amount(Row(tb, "4000").GetProperty("closing")));
        Assert.Equal(-48.20m, Amount(Row(tb, "2100").GetProperty("closing")));
        var entry = await ledger.GetAsync($"/api/v1/accounting/journal-entries/{credit.Value.JournalEntryId}");
        Assert.Equal("CN2025-00001", entry.GetProperty("reference").GetString());

        // Where they stand: the invoice open for its total, the credit note's 144.60 still to be used; an unknown id left out.
        var standings = await AskAsync(ledger, a => a.GetInvoicesAsync([invoice.Value.Id, credit.Value.Id, Guid.NewGuid()], Ct));
        Assert.Equal(2, standings.Count);
        var inv = standings.Single(s => s.Id == invoice.Value.Id);
        Assert.Equal(("INV2025-00001", "posted", 453.79m, 453.79m), (inv.Number, inv.Status, inv.Total.Amount, inv.Open.Amount));
        var cn = standings.Single(s => s.Id == credit.Value.Id);
        Assert.Equal((InvoiceKind.CustomerCreditNote, 144.60m, 144.60m), (cn.Kind, cn.Total.Amount, cn.Open.Amount));

        // 200.00 paid on the invoice leaves 453.79 − 200.00 = 253.79 open.
        await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/payments", new
        {
            direction = "in", partyId = customer, date = "2025-04-25", amount = LedgerClient.Eur(200m),
            allocations = new[] { new { invoiceId = invoice.Value.Id, amount = LedgerClient.Eur(200m) } },
        }, Ct));
        inv = (await AskAsync(ledger, a => a.GetInvoicesAsync([invoice.Value.Id], Ct))).Single();
        Assert.Equal(253.79m, inv.Open.Amount);

        // Numbers follow on without a gap after a refusal rolled back.
        var refused = await InUnitAsync(ledger, a => a.PostCustomerDocumentAsync(new CustomerDocumentRequest(
            InvoiceKind.CustomerInvoice, customer, new DateOnly(2025, 4, 11), null, null, [new("Nothing", 1m, 5m, "9999", null)]), Ct));
        Assert.Equal("account_unknown", refused.Error!.Code);
        var next = await InUnitAsync(ledger, a => a.PostCustomerDocumentAsync(new CustomerDocumentRequest(
            InvoiceKind.CustomerInvoice, customer, new DateOnly(2025, 4, 12), null, null, [new("More", 1m, 5m, "4000", null)]), Ct));
        Assert.Equal("INV2025-00002", next.Value.Number);
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Refusals_carry_their_code_and_write_nothing()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var customer = await CustomerAsync(ledger, "Refused Customer");
        var before = await ledger.LedgerStateAsync();

        Task<Result<PostedInvoice>> Post(CustomerDocumentRequest request) => InUnitAsync(ledger, a => a.PostCustomerDocumentAsync(request, Ct));
        var date = new DateOnly(2025, 3, 5);

        Assert.Equal("tax_unknown", (await Post(new(InvoiceKind.CustomerInvoice, customer, date, null, null, [new("x", 1m, 5m, "4000", Guid.NewGuid())]))).Error!.Code);
        Assert.Equal("account_unknown", (await Post(new(InvoiceKind.CustomerInvoice, customer, date, null, null, [new("x", 1m, 5m, "4999", null)]))).Error!.Code);
        Assert.Equal("party_unknown", (await Post(new(InvoiceKind.CustomerInvoice, Guid.NewGuid(), date, null, null, [new("x", 1m, 5m, "4000", null)]))).Error!.Code);
        var invalid = (await Post(new(InvoiceKind.VendorBill, customer, date, null, null, [new("", -1m, 5m, "", null)]))).Error!;
        Assert.Equal("validation_failed", invalid.Code);
        Assert.Contains("kind", invalid.Fields!.Keys);
        Assert.Contains("lines[0].accountCode", invalid.Fields!.Keys);
        var fields = (await Post(new(InvoiceKind.CustomerInvoice, customer, date, null, null, [new("", -1m, 5m, "4000", null)]))).Error!.Fields!;
        Assert.Contains("lines[0].description", fields.Keys);
        Assert.Contains("lines[0].quantity", fields.Keys);

        // March closed: the document is refused and takes no number.
        var periods = await ledger.GetAsync("/api/v1/accounting/periods?year=2025");
        var march = periods.EnumerateArray().Single(p => p.GetProperty("number").GetInt32() == 3).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await ledger.Http.PostAsync($"/api/v1/accounting/periods/{march}/close", null, Ct)).StatusCode);
        Assert.Equal("period_closed", (await Post(new(InvoiceKind.CustomerInvoice, customer, date, null, null, [new("x", 1m, 5m, "4000", null)]))).Error!.Code);

        Assert.Equal(before, await ledger.LedgerStateAsync());
        Assert.Empty((await ledger.GetAsync("/api/v1/accounting/invoices")).GetProperty("items").EnumerateArray());
        var ok = await Post(new(InvoiceKind.CustomerInvoice, customer, new DateOnly(2025, 4, 1), null, null, [new("x", 1m, 5m, "4000", null)]));
        Assert.Equal("INV2025-00001", ok.Value.Number);
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Overdue_counts_open_invoices_past_due_by_more_than_the_tolerance()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var year in new[] { today.Year, today.AddDays(-40).Year }.Distinct().Where(y => y != 2025))
            await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/fiscal-years", new { year }, Ct));
        var customer = await CustomerAsync(ledger, "Slow Payer");
        await Ok(await ledger.Http.PutAsJsonAsync($"/api/v1/accounting/parties/{customer}/credit-limit", new { limit = LedgerClient.Eur(1000m) }, Ct), HttpStatusCode.OK);

        // No payment term: each invoice is due on its date. 300.00 due 40 days ago, 100.00 due 5 days ago, 50.00 due today.
        foreach (var (days, amount) in new[] { (40, 300m), (5, 100m), (0, 50m) })
        {
            var posted = await InUnitAsync(ledger, a => a.PostCustomerDocumentAsync(new CustomerDocumentRequest(
                InvoiceKind.CustomerInvoice, customer, today.AddDays(-days), null, null, [new("Goods", 1m, amount, "4000", null)]), Ct));
            Assert.True(posted.IsSuccess, posted.Error?.Message);
        }
        // A 20.00 credit note due 40 days ago lowers the balance but is nothing overdue.
        await InUnitAsync(ledger, a => a.PostCustomerDocumentAsync(new CustomerDocumentRequest(
            InvoiceKind.CustomerCreditNote, customer, today.AddDays(-40), null, null, [new("Allowance", 1m, 20m, "4000", null)]), Ct));

        // Tolerance 0 (the default): 300.00 + 100.00 = 400.00 overdue; open 300 + 100 + 50 − 20 = 430.00; available 570.00.
        var position = await AskAsync(ledger, a => a.GetCreditPositionAsync(customer, Ct));
        Assert.Equal((430m, 570m, 400m, 0), (position.Open.Amount, position.Available!.Value.Amount, position.Overdue.Amount, position.OverdueToleranceDays));

        // Tolerance 10 days: only the 300.00 due 40 days ago; 5 days past due is within it.
        var settings = await ledger.GetAsync("/api/v1/accounting/settings");
        Assert.Equal(0, settings.GetProperty("overdueToleranceDays").GetInt32());
        var changed = await Ok(await ledger.Http.PutAsJsonAsync("/api/v1/accounting/settings",
            new { writeOffTolerance = LedgerClient.Eur(1m), overdueToleranceDays = 10 }, Ct), HttpStatusCode.OK);
        Assert.Equal(10, changed.GetProperty("overdueToleranceDays").GetInt32());
        position = await AskAsync(ledger, a => a.GetCreditPositionAsync(customer, Ct));
        Assert.Equal((300m, 10), (position.Overdue.Amount, position.OverdueToleranceDays));

        // Exactly 40 days is not more than 40: nothing overdue. Leaving the field out keeps the tolerance.
        await Ok(await ledger.Http.PutAsJsonAsync("/api/v1/accounting/settings", new { writeOffTolerance = LedgerClient.Eur(1m), overdueToleranceDays = 40 }, Ct), HttpStatusCode.OK);
        await Ok(await ledger.Http.PutAsJsonAsync("/api/v1/accounting/settings", new { writeOffTolerance = LedgerClient.Eur(2m) }, Ct), HttpStatusCode.OK);
        position = await AskAsync(ledger, a => a.GetCreditPositionAsync(customer, Ct));
        Assert.Equal((0m, 40), (position.Overdue.Amount, position.OverdueToleranceDays));

        // A negative tolerance is refused per field and changes nothing.
        var bad = await ledger.Http.PutAsJsonAsync("/api/v1/accounting/settings", new { writeOffTolerance = LedgerClient.Eur(5m), overdueToleranceDays = -1 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("overdueToleranceDays", out _), problem.ToString());
        settings = await ledger.GetAsync("/api/v1/accounting/settings");
        Assert.Equal((2m, 40), (Amount(settings.GetProperty("writeOffTolerance")), settings.GetProperty("overdueToleranceDays").GetInt32()));
    }
}

public sealed class CustomerDocumentsOnSqlite(SqliteServer server) : CustomerDocumentsTests(server), IClassFixture<SqliteServer>;

public sealed class CustomerDocumentsOnPostgres(PostgresServer server) : CustomerDocumentsTests(server), IClassFixture<PostgresServer>;
