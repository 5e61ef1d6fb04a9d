using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Platform.Consistency;
using Tandem.Testing;

namespace Tandem.Accounting.Tests.Features;

/// <summary>
/// <c>check ledger</c>'s document rules: every posted invoice, credit note, bill and payment has its posted journal
/// entry in its own company, and an invoice's entry carries its total on the receivable or payable side. Each test
/// posts documents in a company of its own, finds nothing wrong, then breaks one document with SQL and expects the
/// rule's code on exactly that document.
/// </summary>
public abstract class DocumentEntryCheckTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return body;
    }

    /// <summary>
    /// A customer invoice (100.00 + 20 % VAT = 120.00), a credit note (50.00 + 10.00 = 60.00), a supplier bill (200.00 +
    /// 40.00 = 240.00), a USD invoice (80.00 + 16.00 = 96.00 USD at 0.90 = 86.40 EUR) and a receipt of 60.00 against the
    /// first invoice, all posted.
    /// </summary>
    private async Task<Documents> PostDocumentsAsync(LedgerClient ledger)
    {
        var customer = (await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name = "Check Customer", isCustomer = true }, Ct)))
            .GetProperty("id").GetGuid();
        var supplier = (await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name = "Check Supplier", isSupplier = true }, Ct)))
            .GetProperty("id").GetGuid();
        var vat = (await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/taxes",
            new { code = "VAT20", name = "VAT 20 %", rate = 20m, priceIncludesTax = false, salesAccountId = ledger.Account("2100"), purchaseAccountId = ledger.Account("1300") }, Ct)))
            .GetProperty("id").GetGuid();
        await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/exchange-rates", new { currency = "USD", date = "2025-03-01", rate = 0.9m }, Ct), HttpStatusCode.OK);

        async Task<JsonElement> PostAsync(string kind, Guid party, string currency, decimal price, string account, decimal total)
        {
            var invoice = await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/invoices?post=true", new
            {
                kind, partyId = party, date = "2025-03-10", currency,
                lines = new[] { new { description = "Goods", quantity = 1m, unitPrice = price, accountId = ledger.Account(account), taxId = vat } },
            }, Ct));
            Assert.Equal(total, LedgerClient.Amount(invoice.GetProperty("total")));
            return invoice;
        }

        var invoice = await PostAsync("customerInvoice", customer, "EUR", 100m, "4000", 120m);
        var credit = await PostAsync("customerCreditNote", customer, "EUR", 50m, "4000", 60m);
        var bill = await PostAsync("vendorBill", supplier, "EUR", 200m, "6000", 240m);
        var dollars = await PostAsync("customerInvoice", customer, "USD", 80m, "4000", 96m);
        var payment = await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/payments", new
        {
            direction = "in", partyId = customer, date = "2025-03-20", amount = LedgerClient.Eur(60m),
            allocations = new[] { new { invoiceId = invoice.GetProperty("id").GetGuid(), amount = LedgerClient.Eur(60m) } },
        }, Ct));
        return new Documents(invoice, credit, bill, dollars, payment);
    }

    private sealed record Documents(JsonElement Invoice, JsonElement CreditNote, JsonElement Bill, JsonElement Dollars, JsonElement Payment);

    private static Guid Id(JsonElement document) => document.GetProperty("id").GetGuid();

    private static Guid EntryOf(JsonElement document) => document.GetProperty("journalEntryId").GetGuid();

    private static string NumberOf(JsonElement document) => document.GetProperty("number").GetString()!;

    private async Task<List<ConsistencyViolation>> LedgerViolationsAsync(Guid companyId)
    {
        await using var scope = server.ScopeFor(companyId);
        var check = scope.ServiceProvider.GetServices<IConsistencyCheck>().Single(c => c.Name == "ledger");
        return (await check.RunAsync(Ct)).Where(v => v.CompanyId == companyId).ToList();
    }

    /// <summary>Runs the statement with the table of <typeparamref name="T"/> in place of <c>{table}</c>, as the provider names it.</summary>
    private async Task TamperAsync<T>(string sql, params object[] parameters)
    {
        await using var scope = server.ScopeFor();
        var db = scope.ServiceProvider.GetRequiredService<AccountingDb>();
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetSchema() is { } schema ? $"{schema}.{entity.GetTableName()}" : entity.GetTableName()!;
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(sql.Replace("{table}", table, StringComparison.Ordinal), parameters, Ct));
    }

    private static void AssertOnly(List<ConsistencyViolation> violations, string rule, string number)
    {
        var found = violations.Where(v => v.Rule == rule).ToList();
        Assert.True(found.Count == 1 && found[0].Detail.Contains(number, StringComparison.Ordinal),
            $"expected one {rule} on {number}, found: {string.Join("; ", violations.Select(v => $"{v.Rule} {v.Detail}"))}");
    }

    [Fact]
    public async Task Posted_documents_pass_and_an_invoice_whose_entry_is_deleted_fails_with_document_entry_missing()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var documents = await PostDocumentsAsync(ledger);
        Assert.Empty(await LedgerViolationsAsync(ledger.CompanyId));

        await TamperAsync<JournalEntry>("DELETE FROM {table} WHERE id = {0}", EntryOf(documents.CreditNote));

        AssertOnly(await LedgerViolationsAsync(ledger.CompanyId), "document_entry_missing", NumberOf(documents.CreditNote));
    }

    [Fact]
    public async Task An_invoice_whose_entry_reference_is_cleared_fails_with_document_entry_missing()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var documents = await PostDocumentsAsync(ledger);
        Assert.Empty(await LedgerViolationsAsync(ledger.CompanyId));

        await TamperAsync<Invoice>("UPDATE {table} SET journal_entry_id = NULL WHERE id = {0}", Id(documents.Bill));

        AssertOnly(await LedgerViolationsAsync(ledger.CompanyId), "document_entry_missing", NumberOf(documents.Bill));
    }

    [Fact]
    public async Task An_invoice_naming_another_companys_entry_fails_with_document_entry_missing()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var documents = await PostDocumentsAsync(ledger);
        var other = await LedgerClient.NewCompanyAsync(server);
        var foreign = await other.PostEntryAsync("2025-03-10", "Elsewhere", other.Line("6000", 10m), other.Line("1000", -10m));
        Assert.Empty(await LedgerViolationsAsync(ledger.CompanyId));

        await TamperAsync<Invoice>("UPDATE {table} SET journal_entry_id = {0} WHERE id = {1}", foreign.GetProperty("id").GetGuid(), Id(documents.Invoice));

        AssertOnly(await LedgerViolationsAsync(ledger.CompanyId), "document_entry_missing", NumberOf(documents.Invoice));
    }

    [Fact]
    public async Task A_payment_whose_entry_is_deleted_fails_with_document_entry_missing()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var documents = await PostDocumentsAsync(ledger);
        Assert.Empty(await LedgerViolationsAsync(ledger.CompanyId));

        await TamperAsync<JournalEntry>("DELETE FROM {table} WHERE id = {0}", EntryOf(documents.Payment));

        AssertOnly(await LedgerViolationsAsync(ledger.CompanyId), "document_entry_missing", NumberOf(documents.Payment));
    }

    [Fact]
    public async Task Documents_whose_entries_are_set_back_to_draft_fail_with_document_entry_not_posted()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var documents = await PostDocumentsAsync(ledger);
        Assert.Empty(await LedgerViolationsAsync(ledger.CompanyId));

        await TamperAsync<JournalEntry>("UPDATE {table} SET status = 'Draft' WHERE id = {0}", EntryOf(documents.Bill));
        AssertOnly(await LedgerViolationsAsync(ledger.CompanyId), "document_entry_not_posted", NumberOf(documents.Bill));

        await TamperAsync<JournalEntry>("UPDATE {table} SET status = 'Draft' WHERE id = {0}", EntryOf(documents.Payment));
        var violations = await LedgerViolationsAsync(ledger.CompanyId);
        Assert.Equal(2, violations.Count(v => v.Rule == "document_entry_not_posted"));
        Assert.Contains(violations, v => v.Rule == "document_entry_not_posted" && v.Detail.Contains(NumberOf(documents.Payment), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invoice_whose_total_differs_from_its_receivable_line_fails_with_document_entry_total_mismatch()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var documents = await PostDocumentsAsync(ledger);
        Assert.Empty(await LedgerViolationsAsync(ledger.CompanyId));

        // The USD invoice's total becomes its untaxed 80.00 USD; its receivable line still carries 96.00 USD.
        await TamperAsync<Invoice>("UPDATE {table} SET total = untaxed WHERE id = {0}", Id(documents.Dollars));

        var violations = await LedgerViolationsAsync(ledger.CompanyId);
        AssertOnly(violations, "document_entry_total_mismatch", NumberOf(documents.Dollars));
        Assert.Contains("total 80", violations.Single(v => v.Rule == "document_entry_total_mismatch").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bill_whose_payable_line_is_deleted_fails_with_document_entry_total_mismatch()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var documents = await PostDocumentsAsync(ledger);
        Assert.Empty(await LedgerViolationsAsync(ledger.CompanyId));

        // The payable line comes first in a bill's entry: −240.00 EUR on account 2000.
        await TamperAsync<JournalLine>("DELETE FROM {table} WHERE entry_id = {0} AND line_number = 1", EntryOf(documents.Bill));

        AssertOnly(await LedgerViolationsAsync(ledger.CompanyId), "document_entry_total_mismatch", NumberOf(documents.Bill));
    }
}

public sealed class DocumentEntryCheckOnSqlite(SqliteServer server) : DocumentEntryCheckTests(server), IClassFixture<SqliteServer>;

public sealed class DocumentEntryCheckOnPostgres(PostgresServer server) : DocumentEntryCheckTests(server), IClassFixture<PostgresServer>;
