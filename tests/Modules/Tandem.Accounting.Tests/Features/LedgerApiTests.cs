using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Accounting.Tests.Features;

/// <summary>The ledger through its HTTP API: posting, numbering, balances and the reports read from them.</summary>
public abstract class LedgerApiTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static decimal Amount(JsonElement money) => LedgerClient.Amount(money);

    private static JsonElement Row(JsonElement report, string code) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == code);

    [Fact]
    public async Task A_company_created_through_the_admin_api_starts_with_the_default_chart()
    {
        var admin = await server.AdminClient();
        var code = "CH" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var created = await admin.PostAsJsonAsync("/api/v1/admin/companies", new { code, name = "Charted Ltd" }, Ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var companyId = body.GetProperty("id").GetGuid();

        await using var scope = server.ScopeFor(companyId);
        var chart = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Accounting.Features.Accounts.ListAccountsQuery>(scope.ServiceProvider).HandleAsync(false, Ct);
        Assert.Equal(Accounting.Features.Accounts.LoadDefaultChartHandler.Chart.Length, chart.Count);
        Assert.Contains(chart, a => a.Code == "1100" && a.Role == Contracts.ControlRole.Receivable);
        Assert.Contains(chart, a => a.Code == "2000" && a.Role == Contracts.ControlRole.Payable);

        // Loading the default chart again adds nothing: the set-up is idempotent.
        var (email, password) = await server.CreateUserAsync(["finance_manager"], companyId);
        var finance = await server.ClientFor(email, password);
        var again = await finance.PostAsync("/api/v1/accounting/accounts/default-chart", null, Ct);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task Posted_entries_are_numbered_without_gaps_and_every_report_shows_them()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var e1 = await ledger.PostEntryAsync("2025-01-15", "Capital paid in", ledger.Line("1000", 1000m), ledger.Line("3000", -1000m));
        var e2 = await ledger.PostEntryAsync("2025-02-10", "February rent", ledger.Line("6100", 250.50m), ledger.Line("1000", -250.50m));
        var e3 = await ledger.PostEntryAsync("2025-02-20", "Invoice", ledger.Line("1010", 600m), ledger.Line("4000", -500m), ledger.Line("2100", -100m));
        Assert.Equal(["JE2025-000001", "JE2025-000002", "JE2025-000003"], new[] { e1, e2, e3 }.Select(e => e.GetProperty("number").GetString()));
        Assert.Equal("posted", e3.GetProperty("status").GetString());

        // Year: debits 1,000.00 + 250.50 + 600.00 = 1,850.50 = credits. Bank 1,000.00 − 250.50 = 749.50.
        var year = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-01-01&to=2025-12-31");
        Assert.Equal(1850.50m, Amount(year.GetProperty("totalDebit")));
        Assert.Equal(1850.50m, Amount(year.GetProperty("totalCredit")));
        Assert.Equal(749.50m, Amount(Row(year, "1000").GetProperty("closing")));

        // February alone: bank opens at 1,000.00 (January), is credited 250.50, closes at 749.50.
        var february = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-02-01&to=2025-02-28");
        var bank = Row(february, "1000");
        Assert.Equal(1000m, Amount(bank.GetProperty("opening")));
        Assert.Equal(0m, Amount(bank.GetProperty("debit")));
        Assert.Equal(250.50m, Amount(bank.GetProperty("credit")));
        Assert.Equal(749.50m, Amount(bank.GetProperty("closing")));

        // 15 Feb – 31 Mar cuts February in two: the rent of 10 Feb falls into the opening (749.50), only the invoice moves.
        var split = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-02-15&to=2025-03-31");
        Assert.Equal(600m, Amount(split.GetProperty("totalDebit")));
        Assert.Equal(749.50m, Amount(Row(split, "1000").GetProperty("opening")));

        // P&L February compared with January: income 500.00 − expenses 250.50 = 249.50; January had none.
        var pnl = await ledger.GetAsync("/api/v1/accounting/reports/profit-and-loss?from=2025-02-01&to=2025-02-28&compare=previous");
        Assert.Equal("2025-01-01", pnl.GetProperty("compareFrom").GetString());
        Assert.Equal("2025-01-31", pnl.GetProperty("compareTo").GetString());
        Assert.Equal(500m, Amount(pnl.GetProperty("income").GetProperty("total")));
        Assert.Equal(250.50m, Amount(pnl.GetProperty("expenses").GetProperty("total")));
        Assert.Equal(249.50m, Amount(pnl.GetProperty("netProfit")));
        Assert.Equal(0m, Amount(pnl.GetProperty("comparisonNetProfit")));

        // Budgets for February: sales 600.00, rent 200.00 → net budget 400.00; actual sales 500.00 and rent 250.50.
        Assert.Equal(HttpStatusCode.OK, (await ledger.Http.PutAsJsonAsync("/api/v1/accounting/budgets", new { accountId = ledger.Account("4000"), month = "2025-02", amount = LedgerClient.Eur(600m) }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ledger.Http.PutAsJsonAsync("/api/v1/accounting/budgets", new { accountId = ledger.Account("6100"), month = "2025-02", amount = LedgerClient.Eur(200m) }, Ct)).StatusCode);
        var budgeted = await ledger.GetAsync("/api/v1/accounting/reports/profit-and-loss?from=2025-02-01&to=2025-02-28");
        Assert.Equal(600m, Amount(budgeted.GetProperty("income").GetProperty("budgetTotal")));
        Assert.Equal(200m, Amount(budgeted.GetProperty("expenses").GetProperty("budgetTotal")));
        Assert.Equal(400m, Amount(budgeted.GetProperty("budgetNetProfit")));
        Assert.Equal(500m, Amount(Row(budgeted.GetProperty("income"), "4000").GetProperty("amount")));
        Assert.Equal(0m, Amount((await ledger.GetAsync("/api/v1/accounting/reports/profit-and-loss?from=2025-03-01&to=2025-03-31")).GetProperty("budgetNetProfit")));

        // Balance sheet at year end: assets 749.50 + 600.00 = 1,349.50; liabilities 100.00;
        // equity 1,000.00 capital + 249.50 unallocated earnings = 1,249.50; 100.00 + 1,249.50 = 1,349.50.
        var sheet = await ledger.GetAsync("/api/v1/accounting/reports/balance-sheet?date=2025-12-31&compareDate=2025-01-31");
        Assert.Equal(1349.50m, Amount(sheet.GetProperty("assets").GetProperty("total")));
        Assert.Equal(100m, Amount(sheet.GetProperty("liabilities").GetProperty("total")));
        Assert.Equal(1249.50m, Amount(sheet.GetProperty("equity").GetProperty("total")));
        Assert.Equal(1349.50m, Amount(sheet.GetProperty("totalLiabilitiesAndEquity")));
        Assert.True(sheet.GetProperty("balanced").GetBoolean());
        Assert.Equal(1000m, Amount(sheet.GetProperty("comparisonLiabilitiesAndEquity")));

        // Drill-down: the bank's figure for February is the rent entry, with the running balance.
        var gl = await ledger.GetAsync($"/api/v1/accounting/reports/general-ledger?accountId={ledger.Account("1000")}&from=2025-02-01&to=2025-02-28");
        Assert.Equal(1000m, Amount(gl.GetProperty("opening")));
        var line = Assert.Single(gl.GetProperty("lines").EnumerateArray());
        Assert.Equal("JE2025-000002", line.GetProperty("entryNumber").GetString());
        Assert.Equal(749.50m, Amount(line.GetProperty("balance")));
        Assert.Equal(749.50m, Amount(gl.GetProperty("closing")));

        var csv = await ledger.Http.GetStringAsync("/api/v1/accounting/reports/trial-balance?from=2025-01-01&to=2025-12-31&format=csv", Ct);
        Assert.StartsWith("code,name,type,opening,debit,credit,closing,comparison\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("1000,Bank,asset,0.00,1000.00,250.50,749.50,\r\n", csv, StringComparison.Ordinal);

        var xlsx = await ledger.Http.GetAsync("/api/v1/accounting/reports/profit-and-loss?from=2025-01-01&to=2025-12-31&format=xlsx", Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var workbook = await xlsx.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(workbook.Length > 100 && workbook[0] == (byte)'P' && workbook[1] == (byte)'K', "An xlsx file is a zip archive.");

        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Bad_entries_are_refused_with_a_stable_code_and_write_nothing()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        await ledger.PostEntryAsync("2025-01-15", "Capital paid in", ledger.Line("1000", 1000m), ledger.Line("3000", -1000m));
        var before = await ledger.LedgerStateAsync();

        async Task Refused(HttpResponseMessage response, HttpStatusCode status, string code)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(code, await LedgerClient.CodeOf(response));
            Assert.Equal(before, await ledger.LedgerStateAsync());
        }

        await Refused(await ledger.CreateAsync("2025-01-20", "Unbalanced", [ledger.Line("1000", 100m), ledger.Line("4000", -90m)], post: true),
            HttpStatusCode.UnprocessableEntity, "entry_unbalanced");
        await Refused(await ledger.CreateAsync("2025-01-20", "Unknown account", [new { accountId = Guid.NewGuid(), debit = LedgerClient.Eur(5m) }, ledger.Line("4000", -5m)], post: true),
            HttpStatusCode.UnprocessableEntity, "account_unknown");
        await Refused(await ledger.CreateAsync("2025-01-20", "Dollars without a rate", [new { accountId = ledger.Account("1000"), debit = LedgerClient.Money(10m, "USD") }, ledger.Line("4000", -9m)], post: true),
            HttpStatusCode.UnprocessableEntity, "currency_rate_missing");
        await Refused(await ledger.CreateAsync("2030-01-20", "No fiscal year", [ledger.Line("1000", 5m), ledger.Line("4000", -5m)], post: true),
            HttpStatusCode.UnprocessableEntity, "period_missing");
        await Refused(await ledger.CreateAsync("2025-01-20", "Both sides", [new { accountId = ledger.Account("1000"), debit = LedgerClient.Eur(5m), credit = LedgerClient.Eur(5m) }, ledger.Line("4000", -5m)], post: true),
            HttpStatusCode.BadRequest, "validation_failed");

        // A closed period refuses postings until it is reopened.
        var periods = await ledger.GetAsync("/api/v1/accounting/periods?year=2025");
        var march = periods.EnumerateArray().Single(p => p.GetProperty("number").GetInt32() == 3).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await ledger.Http.PostAsync($"/api/v1/accounting/periods/{march}/close", null, Ct)).StatusCode);
        await Refused(await ledger.CreateAsync("2025-03-05", "Into a closed month", [ledger.Line("1000", 5m), ledger.Line("4000", -5m)], post: true),
            HttpStatusCode.UnprocessableEntity, "period_closed");

        // A draft that does not balance is kept, but posting it is refused and it stays a draft.
        var draft = await ledger.CreateAsync("2025-01-21", "Draft", [ledger.Line("1000", 100m), ledger.Line("4000", -90m)], post: false);
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var draftId = (await draft.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var post = await ledger.Http.PostAsync($"/api/v1/accounting/journal-entries/{draftId}/post", null, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, post.StatusCode);
        Assert.Equal("entry_unbalanced", await LedgerClient.CodeOf(post));
        Assert.Equal("draft", (await ledger.GetAsync($"/api/v1/accounting/journal-entries/{draftId}")).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await ledger.Http.PostAsync($"/api/v1/accounting/periods/{march}/reopen", null, Ct)).StatusCode);
        await ledger.PostEntryAsync("2025-03-05", "Into the reopened month", ledger.Line("1000", 5m), ledger.Line("4000", -5m));
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_posted_entry_cannot_change_and_is_corrected_by_a_reversal()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var posted = await ledger.PostEntryAsync("2025-04-02", "Wrong rent", ledger.Line("6100", 400m), ledger.Line("1000", -400m));
        var id = posted.GetProperty("id").GetString();

        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/accounting/journal-entries/{id}")
        {
            Content = JsonContent.Create(new { date = "2025-04-02", description = "Changed", lines = new[] { ledger.Line("6100", 40m), ledger.Line("1000", -40m) } }),
        };
        update.Headers.TryAddWithoutValidation("If-Match", "*");
        var refused = await ledger.Http.SendAsync(update, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("entry_posted", await LedgerClient.CodeOf(refused));
        var delete = await ledger.Http.DeleteAsync($"/api/v1/accounting/journal-entries/{id}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal("entry_posted", await LedgerClient.CodeOf(delete));

        var reverse = await ledger.Http.PostAsJsonAsync($"/api/v1/accounting/journal-entries/{id}/reverse", new { date = "2025-04-03" }, Ct);
        Assert.Equal(HttpStatusCode.Created, reverse.StatusCode);
        var reversal = await reverse.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("JE2025-000002", reversal.GetProperty("number").GetString());
        Assert.Equal(id, reversal.GetProperty("reversalOfId").GetString());
        Assert.Equal(reversal.GetProperty("id").GetString(), (await ledger.GetAsync($"/api/v1/accounting/journal-entries/{id}")).GetProperty("reversedById").GetString());

        // Rent 400.00 debited on 2 April and credited back on 3 April: April's rent nets to zero, the bank too.
        var april = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-04-01&to=2025-04-30");
        Assert.Equal(800m, Amount(april.GetProperty("totalDebit")));
        Assert.Equal(0m, Amount(Row(april, "6100").GetProperty("closing")));
        Assert.Equal(0m, Amount(Row(april, "1000").GetProperty("closing")));

        var again = await ledger.Http.PostAsJsonAsync($"/api/v1/accounting/journal-entries/{id}/reverse", new { }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("entry_already_reversed", await LedgerClient.CodeOf(again));
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Foreign_currency_lines_are_converted_at_the_rate_in_force_on_the_entry_date()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await ledger.Http.PostAsJsonAsync("/api/v1/accounting/exchange-rates", new { currency = "USD", date = "2025-01-01", rate = 0.90m }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ledger.Http.PostAsJsonAsync("/api/v1/accounting/exchange-rates", new { currency = "USD", date = "2025-06-01", rate = 0.95m }, Ct)).StatusCode);

        // 33.33 USD × 0.90 = 29.997 → 30.00 EUR (rounded half away from zero to the cent).
        var march = await ledger.PostEntryAsync("2025-03-01", "US customer pays",
            new { accountId = ledger.Account("1000"), debit = LedgerClient.Money(33.33m, "USD") }, ledger.Line("4000", -30m));
        var bankLine = march.GetProperty("lines")[0];
        Assert.Equal(30m, Amount(bankLine.GetProperty("debit")));
        Assert.Equal(33.33m, Amount(bankLine.GetProperty("amount")));
        Assert.Equal("USD", bankLine.GetProperty("amount").GetProperty("currency").GetString());

        // From 1 June the rate is 0.95: 200.00 USD × 0.95 = 190.00 EUR.
        var july = await ledger.PostEntryAsync("2025-07-01", "Another",
            new { accountId = ledger.Account("1000"), debit = LedgerClient.Money(200m, "USD") }, ledger.Line("4000", -190m));
        Assert.Equal(190m, Amount(july.GetProperty("lines")[0].GetProperty("debit")));

        // A fixed company amount wins over the rate.
        var fixedRate = await ledger.PostEntryAsync("2025-07-02", "Bank's own rate",
            new { accountId = ledger.Account("1000"), debit = LedgerClient.Money(100m, "USD"), companyAmount = LedgerClient.Eur(93.10m) }, ledger.Line("4000", -93.10m));
        Assert.Equal(93.10m, Amount(fixedRate.GetProperty("lines")[0].GetProperty("debit")));

        // The bank's general ledger shows 30.00 + 190.00 + 93.10 = 313.10 EUR.
        var gl = await ledger.GetAsync($"/api/v1/accounting/reports/general-ledger?accountId={ledger.Account("1000")}&from=2025-01-01&to=2025-12-31");
        Assert.Equal(313.10m, Amount(gl.GetProperty("closing")));
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task Concurrent_postings_lose_no_update_and_take_distinct_consecutive_numbers()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        // 4 writers × 10 entries of 10.00 on the same bank and sales rows: 400.00 each way.
        var writers = Enumerable.Range(0, 4).Select(async w =>
        {
            var numbers = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                var entry = await ledger.PostEntryAsync("2025-05-10", $"Till {w}-{i}", ledger.Line("1000", 10m), ledger.Line("4000", -10m));
                numbers.Add(entry.GetProperty("number").GetString()!);
            }
            return numbers;
        });
        var all = (await Task.WhenAll(writers)).SelectMany(n => n).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(n => $"JE2025-{n:D6}"), all);
        var may = await ledger.GetAsync("/api/v1/accounting/reports/trial-balance?from=2025-05-01&to=2025-05-31");
        Assert.Equal(400m, Amount(Row(may, "1000").GetProperty("debit")));
        Assert.Equal(400m, Amount(Row(may, "4000").GetProperty("credit")));
        await ledger.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task The_demo_company_has_a_chart_and_a_year_of_balanced_figures()
    {
        var admin = await server.AdminClient();
        var chart = await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounting/accounts", Ct);
        var receivable = chart.EnumerateArray().Single(a => a.GetProperty("code").GetString() == "1100");
        Assert.Equal("receivable", receivable.GetProperty("role").GetString());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var tb = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/accounting/reports/trial-balance?from={today.AddYears(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}", Ct);
        Assert.True(tb.GetProperty("balanced").GetBoolean());
        Assert.True(Amount(tb.GetProperty("totalDebit")) > 100_000m, tb.ToString());
        var pnl = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/accounting/reports/profit-and-loss?from={today.AddYears(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}", Ct);
        Assert.True(Amount(pnl.GetProperty("income").GetProperty("total")) > 0m);
    }

    [Fact]
    public async Task Roles_see_and_do_only_what_the_matrix_grants()
    {
        var (repEmail, repPassword) = await server.CreateUserAsync(["sales_rep"]);
        var rep = await server.ClientFor(repEmail, repPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync("/api/v1/accounting/accounts", Ct)).StatusCode);

        var (execEmail, execPassword) = await server.CreateUserAsync(["executive"]);
        var executive = await server.ClientFor(execEmail, execPassword);
        Assert.Equal(HttpStatusCode.OK, (await executive.GetAsync("/api/v1/accounting/reports/trial-balance", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await executive.PostAsJsonAsync("/api/v1/accounting/journal-entries", new { }, Ct)).StatusCode);

        var (accEmail, accPassword) = await server.CreateUserAsync(["accountant"]);
        var accountant = await server.ClientFor(accEmail, accPassword);
        var periods = await accountant.GetFromJsonAsync<JsonElement>("/api/v1/accounting/periods", Ct);
        var id = periods[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PostAsync($"/api/v1/accounting/periods/{id}/close", null, Ct)).StatusCode);
    }
}

public sealed class LedgerApiOnSqlite(SqliteServer server) : LedgerApiTests(server), IClassFixture<SqliteServer>;

public sealed class LedgerApiOnPostgres(PostgresServer server) : LedgerApiTests(server), IClassFixture<PostgresServer>;
