using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Accounting.Tests.Features;

/// <summary>
/// Invoices, payments, multi-currency and period-end work, each with figures calculated by hand beside the test.
/// After every scenario the trial balance balances, balances equal their lines and control accounts equal the open items.
/// </summary>
public abstract class ReceivablesApiTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static decimal Amount(JsonElement money) => LedgerClient.Amount(money);

    private static object Eur(decimal amount) => LedgerClient.Eur(amount);

    private static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return body;
    }

    private static async Task<Guid> PartyAsync(LedgerClient ledger, string name, bool customer = true) =>
        (await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name, isCustomer = customer, isSupplier = !customer }, Ct)))
            .GetProperty("id").GetGuid();

    private static async Task<Guid> TaxAsync(LedgerClient ledger, string code, decimal rate) =>
        (await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/taxes",
            new { code, name = code, rate, priceIncludesTax = false, salesAccountId = ledger.Account("2100"), purchaseAccountId = ledger.Account("1300") }, Ct)))
            .GetProperty("id").GetGuid();

    private static Task<HttpResponseMessage> InvoiceAsync(LedgerClient ledger, string kind, Guid party, string date, string currency, object[] lines, Guid? termId = null) =>
        ledger.Http.PostAsJsonAsync("/api/v1/accounting/invoices?post=true", new { kind, partyId = party, date, currency, paymentTermId = termId, lines }, Ct);

    private static Task<HttpResponseMessage> PayAsync(LedgerClient ledger, string direction, Guid party, string date, object amount, object[]? allocations, bool writeOff = false, string? excess = null) =>
        ledger.Http.PostAsJsonAsync("/api/v1/accounting/payments", new { direction, partyId = party, date, amount, allocations, writeOffDifference = writeOff, excess }, Ct);

    private static async Task SetRateAsync(LedgerClient ledger, string currency, string date, decimal rate) =>
        await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/exchange-rates", new { currency, date, rate }, Ct), HttpStatusCode.OK);

    private static JsonElement Row(JsonElement report, string code) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == code);

    [Fact]
    public async Task An_invoice_with_two_tax_rates_and_three_instalments_posts_exact_figures()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var customer = await PartyAsync(ledger, "Instalment Customer");
        var vat20 = await TaxAsync(ledger, "VAT20", 20m);
        var vat5 = await TaxAsync(ledger, "VAT5", 5m);
        var term = (await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/payment-terms", new
        {
            code = "50-30-R",
            name = "Half in 30 days, 30 % at the end of the month after 60, rest in 90",
            instalments = new object[]
            {
                new { kind = "percent", percent = 50m, days = 30, endOfMonth = false },
                new { kind = "percent", percent = 30m, days = 60, endOfMonth = true },
                new { kind = "remainder", percent = 0m, days = 90, endOfMonth = false },
            },
        }, Ct))).GetProperty("id").GetGuid();

        // Line 1: 3 × 333.33 = 999.99, VAT 20 % = 199.998 → 200.00.  Line 2: 2 × 45.50 = 91.00, VAT 5 % = 4.55.
        // Untaxed 999.99 + 91.00 = 1,090.99; tax 200.00 + 4.55 = 204.55; total 1,295.54.
        var invoice = await Ok(await InvoiceAsync(ledger, "customerInvoice", customer, "2025-01-15", "EUR",
        [
            new { description = "Frames", quantity = 3m, unitPrice = 333.33m, accountId = ledger.Account("4000"), taxId = vat20 },
            new { description = "Fitting", quantity = 2m, unitPrice = 45.50m, accountId = ledger.Account("4100"), taxId = vat5 },
        ], term));
        Assert.Equal("INV2025-00001", invoice.GetProperty("number").GetString());
        Assert.Equal(1090.99m, Amount(invoice.GetProperty("untaxed")));
        Assert.Equal(204.55m, Amount(invoice.GetProperty("tax")));
        Assert.Equal(1295.54m, Amount(invoice.GetProperty("total")));

        // 50 % = 647.77 due 15 Jan + 30 = 14 Feb; 30 % = 388.662 → 388.66 due 15 Jan + 60 = 16 Mar → end of month 31 Mar;
        // remainder 1,295.54 − 647.77 − 388.66 = 259.11 due 15 Jan + 90 = 15 Apr.
        var instalments = invoice.GetProperty("instalments").EnumerateArray().ToList();
        Assert.Equal(["2025-02-14", "2025-03-31", "2025-04-15"], instalments.Select(i => i.GetProperty("dueDate").GetString()));
        Assert.Equal([647.77m, 388.66m, 259.11m], instalments.Select(i => Amount(i.GetProperty("amount"))));

        // The entry: receivable debit 1,295.54; sales 999.99, services 91.00 and output VAT 204.55 credited.
        var tb = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-01-01&to=2025-01-31");
        Assert.Equal(1295.54m, Amount(Row(tb, "1100").GetProperty("debit")));
        Assert.Equal(999.99m, Amount(Row(tb, "4000").GetProperty("credit")));
        Assert.Equal(91.00m, Amount(Row(tb, "4100").GetProperty("credit")));
        Assert.Equal(204.55m, Amount(Row(tb, "2100").GetProperty("credit")));

        // On 20 Mar the first instalment is 34 days late (31–60), the other two are not due: 388.66 + 259.11 = 647.77.
        var aged = await ledger.GetAsync("/api/v1/accounting/reports/aged-receivables?date=2025-03-20");
        var row = Assert.Single(aged.GetProperty("rows").EnumerateArray());
        Assert.Equal("Instalment Customer", row.GetProperty("partyName").GetString());
        Assert.Equal(647.77m, Amount(row.GetProperty("notDue")));
        Assert.Equal(647.77m, Amount(row.GetProperty("days31To60")));
        Assert.Equal(1295.54m, Amount(row.GetProperty("total")));

        // A posted invoice cannot be edited.
        var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/accounting/invoices/{invoice.GetProperty("id").GetString()}")
        {
            Content = JsonContent.Create(new { kind = "customerInvoice", partyId = customer, date = "2025-01-15", currency = "EUR", lines = new[] { new { description = "x", quantity = 1m, unitPrice = 1m, accountId = ledger.Account("4000") } } }),
        };
        edit.Headers.TryAddWithoutValidation("If-Match", "*");
        var refused = await ledger.Http.SendAsync(edit, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("invoice_posted", await LedgerClient.CodeOf(refused));
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_partial_payment_then_a_small_difference_written_off_closes_the_invoice()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var customer = await PartyAsync(ledger, "Partial Payer");
        var vat20 = await TaxAsync(ledger, "VAT20", 20m);
        // 100.00 + VAT 20 % 20.00 = 120.00, due at once.
        var invoice = await Ok(await InvoiceAsync(ledger, "customerInvoice", customer, "2025-02-01", "EUR",
            [new { description = "Service", quantity = 1m, unitPrice = 100m, accountId = ledger.Account("4100"), taxId = vat20 }]));
        var invoiceId = invoice.GetProperty("id").GetGuid();

        // 50.00 paid: 70.00 left open.
        await Ok(await PayAsync(ledger, "in", customer, "2025-02-10", Eur(50m), [new { invoiceId, amount = Eur(50m) }]));
        var balance = await ledger.GetAsync($"/api/v1/accounting/parties/{customer}/balance");
        Assert.Equal(70m, Amount(balance.GetProperty("receivable")));

        // Bad input writes nothing: 80.00 against 70.00 open is an overpayment; 60.00 leaves 10.00, beyond the 1.00 tolerance.
        var before = await ledger.LedgerStateAsync();
        var over = await PayAsync(ledger, "in", customer, "2025-02-15", Eur(80m), [new { invoiceId, amount = Eur(80m) }]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Equal("overpayment", await LedgerClient.CodeOf(over));
        var unallocated = await PayAsync(ledger, "in", customer, "2025-02-15", Eur(75m), [new { invoiceId, amount = Eur(70m) }]);
        Assert.Equal("overpayment", await LedgerClient.CodeOf(unallocated));
        var tooMuchWriteOff = await PayAsync(ledger, "in", customer, "2025-02-15", Eur(60m), [new { invoiceId, amount = Eur(60m) }], writeOff: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuchWriteOff.StatusCode);
        Assert.Equal("write_off_exceeds_tolerance", await LedgerClient.CodeOf(tooMuchWriteOff));
        Assert.Equal(before, await ledger.LedgerStateAsync());
        Assert.Equal(70m, Amount((await ledger.GetAsync($"/api/v1/accounting/parties/{customer}/balance")).GetProperty("receivable")));

        // 69.50 paid with the difference written off: 0.50 ≤ 1.00 goes to 6800; the invoice is closed.
        var last = await Ok(await PayAsync(ledger, "in", customer, "2025-02-20", Eur(69.50m), [new { invoiceId, amount = Eur(69.50m) }], writeOff: true));
        Assert.Equal(0.50m, Amount(last.GetProperty("writeOff")));
        Assert.Equal(0m, Amount((await ledger.GetAsync($"/api/v1/accounting/invoices/{invoiceId}")).GetProperty("open")));

        // Bank 50.00 + 69.50 = 119.50; receivable 120.00 − 50.00 − 69.50 − 0.50 = 0; write-off 0.50.
        var tb = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-02-01&to=2025-02-28");
        Assert.Equal(119.50m, Amount(Row(tb, "1000").GetProperty("closing")));
        Assert.Equal(0m, Amount(Row(tb, "1100").GetProperty("closing")));
        Assert.Equal(0.50m, Amount(Row(tb, "6800").GetProperty("closing")));

        // A further 10.00 on account leaves the customer in credit by 10.00.
        await Ok(await PayAsync(ledger, "in", customer, "2025-02-25", Eur(10m), null, excess: "on-account"));
        Assert.Equal(-10m, Amount((await ledger.GetAsync($"/api/v1/accounting/parties/{customer}/balance")).GetProperty("receivable")));
        var statement = await ledger.GetAsync($"/api/v1/accounting/parties/{customer}/statement?from=2025-01-01&to=2025-12-31");
        Assert.Equal(-10m, Amount(statement.GetProperty("closing")));
        Assert.Equal(5, statement.GetProperty("lines").GetArrayLength());
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Aged_receivables_at_a_past_date_show_what_was_open_that_day()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var customer = await PartyAsync(ledger, "Late Payer");
        // 100.00, no tax, no payment term: due on the invoice date, 10 Jan.
        var invoice = await Ok(await InvoiceAsync(ledger, "customerInvoice", customer, "2025-01-10", "EUR",
            [new { description = "Service", quantity = 1m, unitPrice = 100m, accountId = ledger.Account("4100") }]));
        var invoiceId = invoice.GetProperty("id").GetGuid();
        // 40.00 paid on 1 Mar; 59.50 on 1 Apr with the 0.50 left written off.
        await Ok(await PayAsync(ledger, "in", customer, "2025-03-01", Eur(40m), [new { invoiceId, amount = Eur(40m) }]));
        await Ok(await PayAsync(ledger, "in", customer, "2025-04-01", Eur(59.50m), [new { invoiceId, amount = Eur(59.50m) }], writeOff: true));

        async Task<JsonElement?> AgedAt(string date)
        {
            var report = await ledger.GetAsync($"/api/v1/accounting/reports/aged-receivables?date={date}");
            return report.GetProperty("rows").EnumerateArray().Cast<JsonElement?>().SingleOrDefault();
        }

        // 5 Jan: not yet invoiced.
        Assert.Null(await AgedAt("2025-01-05"));
        // 15 Feb: 36 days overdue (31–60), the full 100.00: the payment of 1 Mar comes later.
        var february = (await AgedAt("2025-02-15"))!.Value;
        Assert.Equal(100m, Amount(february.GetProperty("days31To60")));
        Assert.Equal(100m, Amount(february.GetProperty("total")));
        // 1 Mar, the payment's own day: 100.00 − 40.00 = 60.00, 50 days overdue (31–60).
        Assert.Equal(60m, Amount((await AgedAt("2025-03-01"))!.Value.GetProperty("days31To60")));
        // 20 Mar: 60.00, 69 days overdue (61–90).
        var march = (await AgedAt("2025-03-20"))!.Value;
        Assert.Equal(60m, Amount(march.GetProperty("days61To90")));
        Assert.Equal(0m, Amount(march.GetProperty("days31To60")));
        Assert.Equal(60m, Amount(march.GetProperty("total")));
        // 1 Apr and later: paid and written off, nothing open.
        Assert.Null(await AgedAt("2025-04-01"));
        Assert.Null(await AgedAt("2025-12-31"));
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Aged_receivables_page_the_customers_largest_balance_first_with_totals_over_all_and_export_every_row()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        // Three customers owing 300.00, 200.00 and 100.00, each on one invoice due on 10 Jan.
        var owed = new Dictionary<Guid, decimal>();
        foreach (var (name, amount) in new[] { ("Small Owing", 100m), ("Large Owing", 300m), ("Middle Owing", 200m) })
        {
            var customer = await PartyAsync(ledger, name);
            owed[customer] = amount;
            await Ok(await InvoiceAsync(ledger, "customerInvoice", customer, "2025-01-10", "EUR",
                [new { description = "Service", quantity = 1m, unitPrice = amount, accountId = ledger.Account("4100") }]));
        }

        // Two per page: 300.00 and 200.00 first, then 100.00; the totals are 600.00 (all 61–90 days overdue on 20 Mar) on both pages.
        var first = await ledger.GetAsync("/api/v1/accounting/reports/aged-receivables?date=2025-03-20&limit=2");
        Assert.Equal(3, first.GetProperty("parties").GetInt32());
        Assert.Equal([300m, 200m], first.GetProperty("rows").EnumerateArray().Select(r => Amount(r.GetProperty("total"))));
        Assert.Equal("Large Owing", first.GetProperty("rows")[0].GetProperty("partyName").GetString());
        Assert.Equal(600m, Amount(first.GetProperty("totals").GetProperty("days61To90")));
        var after = first.GetProperty("nextCursor").GetString();
        var second = await ledger.GetAsync($"/api/v1/accounting/reports/aged-receivables?date=2025-03-20&limit=2&after={after}");
        Assert.Equal([100m], second.GetProperty("rows").EnumerateArray().Select(r => Amount(r.GetProperty("total"))));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(600m, Amount(second.GetProperty("totals").GetProperty("total")));

        // The export holds every customer, largest first.
        var csv = await ledger.Http.GetStringAsync("/api/v1/accounting/reports/aged-receivables?date=2025-03-20&format=csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("party,partyId,notDue,days1To30,days31To60,days61To90,over90,total", lines[0]);
        Assert.Equal(["Large Owing", "Middle Owing", "Small Owing"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.EndsWith(",0.00,0.00,0.00,300.00,0.00,300.00", lines[1]);
        var xlsx = await ledger.Http.GetAsync("/api/v1/accounting/reports/aged-payables?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);

        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=1001", "limit"), ("after=not-a-cursor", "after"), ("format=pdf", "format"), ("date=1700-01-01", "date") })
        {
            var response = await ledger.Http.GetAsync($"/api/v1/accounting/reports/aged-receivables?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_foreign_currency_invoice_paid_at_another_rate_realises_the_difference()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var customer = await PartyAsync(ledger, "Dollar Customer");
        var usd = new { amount = "1000.00", currency = "USD" };

        // No GBP rate: posting is refused and nothing is written.
        var before = await ledger.LedgerStateAsync();
        var noRate = await InvoiceAsync(ledger, "customerInvoice", customer, "2025-03-10", "GBP", [new { description = "Bikes", quantity = 1m, unitPrice = 1000m, accountId = ledger.Account("4000") }]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noRate.StatusCode);
        Assert.Equal("currency_rate_missing", await LedgerClient.CodeOf(noRate));
        Assert.Equal(before, await ledger.LedgerStateAsync());

        await SetRateAsync(ledger, "USD", "2025-03-01", 0.90m);
        await SetRateAsync(ledger, "USD", "2025-04-01", 0.95m);
        // 1,000.00 USD × 0.90 = 900.00 EUR on 10 Mar.
        var invoice = await Ok(await InvoiceAsync(ledger, "customerInvoice", customer, "2025-03-10", "USD",
            [new { description = "Bikes", quantity = 1m, unitPrice = 1000m, accountId = ledger.Account("4000") }]));
        var march = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-03-01&to=2025-03-31");
        Assert.Equal(900m, Amount(Row(march, "1100").GetProperty("debit")));

        // Paid on 10 Apr at 0.95: bank 950.00, receivable 900.00 cleared, gain 50.00 credited to exchange differences.
        var payment = await Ok(await PayAsync(ledger, "in", customer, "2025-04-10", usd, [new { invoiceId = invoice.GetProperty("id").GetGuid(), amount = usd }]));
        Assert.Equal(50m, Amount(payment.GetProperty("exchangeDifference")));
        var april = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-04-01&to=2025-04-30");
        Assert.Equal(950m, Amount(Row(april, "1000").GetProperty("debit")));
        Assert.Equal(900m, Amount(Row(april, "1100").GetProperty("credit")));
        Assert.Equal(50m, Amount(Row(april, "6900").GetProperty("credit")));
        Assert.Equal(0m, Amount(Row(april, "1100").GetProperty("closing")));
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Revaluation_restates_open_foreign_items_and_the_payment_realises_only_the_rest()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var customer = await PartyAsync(ledger, "Revalued Customer");
        await SetRateAsync(ledger, "USD", "2025-05-01", 0.95m);
        await SetRateAsync(ledger, "USD", "2025-05-31", 0.98m);
        await SetRateAsync(ledger, "USD", "2025-06-01", 1.00m);
        // 500.00 USD × 0.95 = 475.00 EUR on 5 May.
        var invoice = await Ok(await InvoiceAsync(ledger, "customerInvoice", customer, "2025-05-05", "USD",
            [new { description = "Parts", quantity = 1m, unitPrice = 500m, accountId = ledger.Account("4000") }]));

        // At 31 May: 500.00 × 0.98 = 490.00; the receivable rises by 15.00 against an exchange gain of 15.00.
        var revaluation = await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/revaluations", new { date = "2025-05-31" }, Ct), HttpStatusCode.OK);
        Assert.Equal(15m, Amount(revaluation.GetProperty("amount")));
        var may = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-05-01&to=2025-05-31");
        Assert.Equal(490m, Amount(Row(may, "1100").GetProperty("closing")));
        Assert.Equal(-15m, Amount(Row(may, "6900").GetProperty("closing")));
        var items = await ledger.GetAsync($"/api/v1/accounting/open-items?partyId={customer}");
        Assert.Equal(490m, Amount(Assert.Single(items.EnumerateArray()).GetProperty("openCompany")));
        // Ageing before the revaluation shows the value at the invoice's rate, after it the revalued one.
        var beforeRevaluation = await ledger.GetAsync("/api/v1/accounting/reports/aged-receivables?date=2025-05-20");
        Assert.Equal(475m, Amount(beforeRevaluation.GetProperty("totals").GetProperty("total")));
        var afterRevaluation = await ledger.GetAsync("/api/v1/accounting/reports/aged-receivables?date=2025-06-05");
        Assert.Equal(490m, Amount(afterRevaluation.GetProperty("totals").GetProperty("total")));

        // Paid on 10 Jun at 1.00: bank 500.00 − receivable 490.00 = 10.00 more gain; 15.00 + 10.00 = 25.00 = 500.00 − 475.00.
        var usd = new { amount = "500.00", currency = "USD" };
        var payment = await Ok(await PayAsync(ledger, "in", customer, "2025-06-10", usd, [new { invoiceId = invoice.GetProperty("id").GetGuid(), amount = usd }]));
        Assert.Equal(10m, Amount(payment.GetProperty("exchangeDifference")));
        var year = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-01-01&to=2025-12-31");
        Assert.Equal(-25m, Amount(Row(year, "6900").GetProperty("closing")));
        Assert.Equal(0m, Amount(Row(year, "1100").GetProperty("closing")));
        Assert.Empty((await ledger.GetAsync("/api/v1/accounting/reports/aged-receivables?date=2025-06-10")).GetProperty("rows").EnumerateArray());
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Year_end_close_moves_the_result_to_retained_earnings_and_closes_the_year()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/fiscal-years", new { year = 2026 }, Ct));
        await ledger.PostEntryAsync("2025-06-01", "Cash sales", ledger.Line("1000", 1000m), ledger.Line("4000", -1000m));
        await ledger.PostEntryAsync("2025-07-01", "Rent", ledger.Line("6100", 300m), ledger.Line("1000", -300m));

        // Profit 1,000.00 − 300.00 = 700.00: sales debited 1,000.00, rent credited 300.00, retained earnings credited 700.00.
        var close = await Ok(await ledger.Http.PostAsync("/api/v1/accounting/fiscal-years/2025/close", null, Ct), HttpStatusCode.OK);
        Assert.Equal(700m, Amount(close.GetProperty("amount")));
        var entry = await ledger.GetAsync($"/api/v1/accounting/journal-entries/{close.GetProperty("journalEntryId").GetString()}");
        var lines = entry.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("accountCode").GetString()!, l => Amount(l.GetProperty("debit")) - Amount(l.GetProperty("credit")));
        Assert.Equal(1000m, lines["4000"]);
        Assert.Equal(-300m, lines["6100"]);
        Assert.Equal(-700m, lines["3100"]);

        // The year's P&L still shows the year; 2026 opens with the result in retained earnings and nothing in P&L accounts.
        var pnl = await ledger.GetAsync("/api/v1/accounting/reports/profit-and-loss?from=2025-01-01&to=2025-12-31");
        Assert.Equal(700m, Amount(pnl.GetProperty("netProfit")));
        var opening = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2026-01-01&to=2026-01-31");
        Assert.Equal(-700m, Amount(Row(opening, "3100").GetProperty("opening")));
        Assert.Equal(700m, Amount(Row(opening, "1000").GetProperty("opening")));
        Assert.DoesNotContain(opening.GetProperty("rows").EnumerateArray(), r => r.GetProperty("code").GetString() is "4000" or "6100");
        var sheet = await ledger.GetAsync("/api/v1/accounting/reports/balance-sheet?date=2026-01-31");
        Assert.True(sheet.GetProperty("balanced").GetBoolean());
        Assert.Equal(700m, Amount(sheet.GetProperty("equity").GetProperty("total")));
        Assert.Single(sheet.GetProperty("equity").GetProperty("rows").EnumerateArray());

        // The year is closed: no more postings into it, and no second close.
        var late = await ledger.CreateAsync("2025-12-31", "Late", [ledger.Line("6100", 5m), ledger.Line("1000", -5m)], post: true);
        Assert.Equal("period_closed", await LedgerClient.CodeOf(late));
        var again = await ledger.Http.PostAsync("/api/v1/accounting/fiscal-years/2025/close", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_bill_paid_in_part_shows_the_rest_in_aged_payables()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var supplier = await PartyAsync(ledger, "Bill Supplier", customer: false);
        // 10 × 24.00 = 240.00, no tax; 100.00 paid; 140.00 left, due 1 Mar, 50 days late on 20 Apr.
        var bill = await Ok(await InvoiceAsync(ledger, "vendorBill", supplier, "2025-03-01", "EUR",
            [new { description = "Parts", quantity = 10m, unitPrice = 24m, accountId = ledger.Account("5000") }]));
        Assert.Equal("BILL2025-00001", bill.GetProperty("number").GetString());
        var wrongWay = await PayAsync(ledger, "in", supplier, "2025-03-15", Eur(100m), [new { invoiceId = bill.GetProperty("id").GetGuid(), amount = Eur(100m) }]);
        Assert.Equal("allocation_wrong_side", await LedgerClient.CodeOf(wrongWay));
        var paid = await Ok(await PayAsync(ledger, "out", supplier, "2025-03-15", Eur(100m), [new { invoiceId = bill.GetProperty("id").GetGuid(), amount = Eur(100m) }]));
        Assert.Equal("PAY2025-00001", paid.GetProperty("number").GetString());
        var aged = await ledger.GetAsync("/api/v1/accounting/reports/aged-payables?date=2025-04-20");
        var row = Assert.Single(aged.GetProperty("rows").EnumerateArray());
        Assert.Equal(140m, Amount(row.GetProperty("days31To60")));
        Assert.Equal(140m, Amount(aged.GetProperty("totals").GetProperty("total")));
        var tb = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-03-01&to=2025-03-31");
        Assert.Equal(-140m, Amount(Row(tb, "2000").GetProperty("closing")));
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Credit_position_reports_open_receivables_against_the_limit()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var customer = await PartyAsync(ledger, "Limited Customer");
        await Ok(await ledger.Http.PutAsJsonAsync($"/api/v1/accounting/parties/{customer}/credit-limit", new { limit = Eur(1000m) }, Ct), HttpStatusCode.OK);
        await Ok(await InvoiceAsync(ledger, "customerInvoice", customer, "2025-03-01", "EUR",
            [new { description = "Bikes", quantity = 1m, unitPrice = 250m, accountId = ledger.Account("4000") }]));
        // 1,000.00 limit − 250.00 open = 750.00 available.
        var balance = await ledger.GetAsync($"/api/v1/accounting/parties/{customer}/balance");
        Assert.Equal(250m, Amount(balance.GetProperty("receivable")));
        Assert.Equal(750m, Amount(balance.GetProperty("available")));
        await using var scope = server.ScopeFor(ledger.CompanyId);
        var accounting = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Contracts.IAccountingModule>(scope.ServiceProvider);
        var position = await accounting.GetCreditPositionAsync(customer, Ct);
        Assert.Equal(750m, position.Available!.Value.Amount);

        // The credit list: open 250.00, limit 1,000.00, available 750.00; a second customer 100.00 over its 50.00 limit comes first.
        var over = await PartyAsync(ledger, "Over Limit Customer");
        await Ok(await ledger.Http.PutAsJsonAsync($"/api/v1/accounting/parties/{over}/credit-limit", new { limit = Eur(50m) }, Ct), HttpStatusCode.OK);
        await Ok(await InvoiceAsync(ledger, "customerInvoice", over, "2025-03-02", "EUR",
            [new { description = "Bikes", quantity = 1m, unitPrice = 150m, accountId = ledger.Account("4000") }]));
        var list = (await ledger.GetAsync("/api/v1/accounting/credit-limits")).EnumerateArray().ToList();
        Assert.Equal(["Over Limit Customer", "Limited Customer"], list.Select(r => r.GetProperty("partyName").GetString()));
        Assert.Equal([150m, 250m], list.Select(r => Amount(r.GetProperty("open"))));
        Assert.Equal([-100m, 750m], list.Select(r => Amount(r.GetProperty("available"))));

        // A null limit removes it: the customer leaves the list.
        await Ok(await ledger.Http.PutAsJsonAsync($"/api/v1/accounting/parties/{over}/credit-limit", new { limit = (object?)null }, Ct), HttpStatusCode.OK);
        Assert.Single((await ledger.GetAsync("/api/v1/accounting/credit-limits")).EnumerateArray());
    }

    [Fact]
    public async Task A_budget_grid_saves_every_cell_or_none()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        await using var scope = server.ScopeFor(ledger.CompanyId);
        var budgets = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Accounting.Features.Budgets.BudgetsHandler>(scope.ServiceProvider);
        var eur = new SharedKernel.CurrencyCode("EUR");
        // The second cell is on a balance-sheet account (1000, bank): refused, so the first is not kept either.
        var refused = await budgets.SetManyAsync(
        [
            new(ledger.Account("4000"), "2025-01", new SharedKernel.Money(100m, eur)),
            new(ledger.Account("1000"), "2025-01", new SharedKernel.Money(50m, eur)),
        ], Ct);
        Assert.Equal("account_unknown", refused.Error?.Code);
        Assert.Empty((await ledger.GetAsync("/api/v1/accounting/budgets?year=2025")).EnumerateArray());

        // Pages run each save in a scope of its own.
        await using var next = server.ScopeFor(ledger.CompanyId);
        budgets = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Accounting.Features.Budgets.BudgetsHandler>(next.ServiceProvider);
        var saved = await budgets.SetManyAsync(
        [
            new(ledger.Account("4000"), "2025-01", new SharedKernel.Money(100m, eur)),
            new(ledger.Account("6100"), "2025-02", new SharedKernel.Money(40m, eur)),
        ], Ct);
        Assert.Equal(2, saved.Value);
        Assert.Equal(2, (await ledger.GetAsync("/api/v1/accounting/budgets?year=2025")).GetArrayLength());
    }
}

public sealed class ReceivablesApiOnSqlite(SqliteServer server) : ReceivablesApiTests(server), IClassFixture<SqliteServer>;

public sealed class ReceivablesApiOnPostgres(PostgresServer server) : ReceivablesApiTests(server), IClassFixture<PostgresServer>;
