using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Crm.Contracts;
using Tandem.Platform.LiveUpdates;
using Tandem.Testing;

namespace Tandem.Crm.Tests.Features;

/// <summary>
/// The customer-360 overview through the API: the ledger's figures for the account's party after invoices, a credit note
/// and a payment posted through Accounting's API, the merged timeline, record-level visibility, and the live-update
/// notice an open page hears when an invoice posts.
/// </summary>
public abstract class AccountOverviewApiTests(TandemServer server)
{
    private static CancellationToken Ct => Crm.Ct;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal Amount(JsonElement money) => decimal.Parse(money.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);

    private static object Eur(decimal amount) => new { amount = amount.ToString(CultureInfo.InvariantCulture), currency = "EUR" };

    private sealed record Ledger(HttpClient Http, Guid Revenue, Guid Vat20);

    private static async Task<Ledger> LedgerAsync(HttpClient admin)
    {
        var accounts = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounting/accounts", Ct)).EnumerateArray()
            .ToDictionary(a => a.GetProperty("code").GetString()!, a => a.GetProperty("id").GetGuid());
        var taxes = await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounting/taxes", Ct);
        var vat = taxes.EnumerateArray().Single(t => t.GetProperty("code").GetString() == "VAT20").GetProperty("id").GetGuid();
        return new Ledger(admin, accounts["4000"], vat);
    }

    /// <summary>An organisation customer with a CRM account on it, owned by <paramref name="owner"/>'s user.</summary>
    private static async Task<(Guid AccountId, Guid PartyId)> CustomerAsync(HttpClient owner, string name)
    {
        var party = await Crm.PostAsync(owner, "/api/v1/parties", new { kind = "organisation", name, isCustomer = true });
        var account = await Crm.PostAsync(owner, "/api/v1/crm/accounts", new { partyId = party.Id(), industry = "Retail" });
        return (account.Id(), party.Id());
    }

    private static async Task<JsonElement> PostDocumentAsync(Ledger ledger, string kind, Guid party, DateOnly date, decimal net) =>
        await Crm.PostAsync(ledger.Http, "/api/v1/accounting/invoices?post=true", new
        {
            kind, partyId = party, date = Iso(date), currency = "EUR",
            lines = new[] { new { description = "Frames", quantity = 1m, unitPrice = net, accountId = ledger.Revenue, taxId = ledger.Vat20 } },
        });

    private static async Task<JsonElement> OverviewAsync(HttpClient http, Guid accountId)
    {
        var response = await http.GetAsync($"/api/v1/crm/accounts/{accountId}/overview", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task The_overview_shows_balance_overdue_credit_and_revenue_from_the_ledger_and_one_timeline_newest_first()
    {
        var admin = await server.AdminClient();
        var ledger = await LedgerAsync(admin);
        var (accountId, partyId) = await CustomerAsync(admin, "Overview Cycles " + Guid.NewGuid().ToString("N")[..6]);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lastYear = new DateOnly(today.Year - 1, 6, 15);
        await Crm.PostAsync(admin, "/api/v1/crm/notes", new { text = "Met the buyer at the trade fair", accountId });
        var opportunity = await Crm.OpportunityAsync(admin, accountId, "Fleet renewal", "8000.00", Iso(today.AddMonths(2)));
        var limit = await admin.PutAsJsonAsync($"/api/v1/accounting/parties/{partyId}/credit-limit", new { limit = Eur(5000m) }, Ct);
        Assert.Equal(HttpStatusCode.OK, limit.StatusCode);

        // A: last year, 1,000.00 + 20 % VAT = 1,200.00, no payment term, so due that day: past due today.
        // B: today, 500.00 + 100.00 VAT = 600.00, due today: not past due.
        // C: a credit note today, 100.00 + 20.00 VAT = 120.00 owed back.
        // P: 200.00 received today against A.
        var a = await PostDocumentAsync(ledger, "customerInvoice", partyId, lastYear, 1000m);
        var b = await PostDocumentAsync(ledger, "customerInvoice", partyId, today, 500m);
        var c = await PostDocumentAsync(ledger, "customerCreditNote", partyId, today, 100m);
        var p = await Crm.PostAsync(admin, "/api/v1/accounting/payments", new
        {
            direction = "in", partyId, date = Iso(today), amount = Eur(200m), allocations = new[] { new { invoiceId = a.Id(), amount = Eur(200m) } },
        });

        var overview = await OverviewAsync(admin, accountId);
        Assert.Equal(partyId, overview.GetProperty("partyId").GetGuid());
        var finance = overview.GetProperty("finance");
        // Balance: A 1,200.00 − 200.00 = 1,000.00; B 600.00; C −120.00 → 1,480.00.
        Assert.Equal(1480.00m, Amount(finance.GetProperty("openBalance")));
        Assert.Equal("EUR", finance.GetProperty("openBalance").GetProperty("currency").GetString());
        // Overdue: only what is left of A (1,000.00); B is due today, C is a credit.
        Assert.Equal(1000.00m, Amount(finance.GetProperty("overdue")));
        // Available: 5,000.00 − 1,480.00 = 3,520.00.
        Assert.Equal(5000.00m, Amount(finance.GetProperty("creditLimit")));
        Assert.Equal(3520.00m, Amount(finance.GetProperty("availableCredit")));
        // Revenue before tax: lifetime 1,000.00 + 500.00 − 100.00 = 1,400.00; this year 500.00 − 100.00 = 400.00.
        Assert.Equal(1400.00m, Amount(finance.GetProperty("lifetimeRevenue")));
        Assert.Equal(400.00m, Amount(finance.GetProperty("yearToDateRevenue")));

        // Latest invoices, newest date first (B and C today, by number: INV… after CN…), then A with 1,000.00 open and overdue.
        var invoices = finance.GetProperty("invoices").EnumerateArray().ToList();
        Assert.Equal([b.Id(), c.Id(), a.Id()], invoices.Select(i => i.Id()).ToArray());
        Assert.Equal("overdue", invoices[2].GetProperty("status").GetString());
        Assert.Equal(1000.00m, Amount(invoices[2].GetProperty("open")));
        Assert.Equal(1200.00m, Amount(invoices[2].GetProperty("total")));
        Assert.Equal("open", invoices[0].GetProperty("status").GetString());
        Assert.Equal("customerCreditNote", invoices[1].GetProperty("kind").GetString());
        var payments = finance.GetProperty("payments").EnumerateArray().ToList();
        Assert.Equal(p.Id(), Assert.Single(payments).Id());
        Assert.Equal(200.00m, Amount(payments[0].GetProperty("amount")));

        var opportunities = overview.GetProperty("openOpportunities").EnumerateArray().ToList();
        Assert.Equal(opportunity.Id(), Assert.Single(opportunities).Id());
        Assert.Equal(8000.00m, Amount(opportunities[0].GetProperty("amount")));
        Assert.False(string.IsNullOrEmpty(opportunities[0].GetProperty("stage").GetString()));
        Assert.Single(overview.GetProperty("recentNotes").EnumerateArray());

        // One timeline, newest first: the payment, C, B, A (in the order they were posted), the opportunity, the note.
        var kinds = overview.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["payment.received", "creditnote.posted", "invoice.posted", "invoice.posted", "opportunity", "note"], kinds);
        var timeline = overview.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(b.GetProperty("number").GetString(), timeline[2].GetProperty("reference").GetString());
        Assert.Equal(600.00m, Amount(timeline[2].GetProperty("amount")));
        Assert.Equal($"/accounting/invoices/{b.Id()}", timeline[2].GetProperty("url").GetString());
        var instants = timeline.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(instants.OrderByDescending(t => t).ToList(), instants);

        // Sales arrives as a module of its own: until one answers, there is nothing to show.
        await using var scope = server.ScopeFor();
        if (!scope.ServiceProvider.GetServices<IAccountSalesSource>().Any())
            Assert.Equal(JsonValueKind.Null, overview.GetProperty("sales").ValueKind);
    }

    [Fact]
    public async Task A_rep_sees_their_customers_balance_without_the_ledger_marketing_sees_neither_and_another_rep_gets_404()
    {
        var (alice, _) = await Crm.UserAsync(server, "sales_rep");
        var (bob, _) = await Crm.UserAsync(server, "sales_rep");
        var (marketer, _) = await Crm.UserAsync(server, "marketing");
        var admin = await server.AdminClient();
        var ledger = await LedgerAsync(admin);
        var (accountId, partyId) = await CustomerAsync(alice, "Alice Overview " + Guid.NewGuid().ToString("N")[..6]);
        await PostDocumentAsync(ledger, "customerInvoice", partyId, DateOnly.FromDateTime(DateTime.UtcNow), 50m);
        await Crm.PostAsync(alice, "/api/v1/crm/activities", new { kind = "call", subject = "Intro call", accountId });

        // A rep holds accounting.customers.read, not accounting.read: the customer's figures and the ledger's events on
        // the timeline, though none of the ledger's own pages. Balance: 50.00 + 20 % VAT = 60.00.
        var own = await OverviewAsync(alice, accountId);
        Assert.Equal(60.00m, Amount(own.GetProperty("finance").GetProperty("openBalance")));
        Assert.Equal(["call", "invoice.posted"], own.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray());
        // The ledger's pages stay shut to the rep: the invoice's entry comes without a link to one.
        Assert.Equal(JsonValueKind.Null, own.GetProperty("timeline")[1].GetProperty("url").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/api/v1/accounting/invoices", Ct)).StatusCode);

        // Marketing reads the CRM but not the customer's money: no figures, no ledger events.
        var (marketedId, marketedParty) = await CustomerAsync(marketer, "Marketed Overview " + Guid.NewGuid().ToString("N")[..6]);
        await PostDocumentAsync(ledger, "customerInvoice", marketedParty, DateOnly.FromDateTime(DateTime.UtcNow), 50m);
        await Crm.PostAsync(marketer, "/api/v1/crm/activities", new { kind = "call", subject = "Campaign call", accountId = marketedId });
        var marketed = await OverviewAsync(marketer, marketedId);
        Assert.Equal(JsonValueKind.Null, marketed.GetProperty("finance").ValueKind);
        Assert.Equal(["call"], marketed.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray());

        var refused = await bob.GetAsync($"/api/v1/crm/accounts/{accountId}/overview", Ct);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("not_found", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).Code());
        var unknown = await admin.GetAsync($"/api/v1/crm/accounts/{Guid.NewGuid()}/overview", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        // An accountant holds no crm.read: the overview is a CRM page.
        var (accountant, _) = await Crm.UserAsync(server, "accountant");
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.GetAsync($"/api/v1/crm/accounts/{accountId}/overview", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_page_subscribed_to_the_party_hears_when_an_invoice_posts_and_a_payment_arrives()
    {
        var admin = await server.AdminClient();
        var ledger = await LedgerAsync(admin);
        var (_, partyId) = await CustomerAsync(admin, "Live Cycles " + Guid.NewGuid().ToString("N")[..6]);
        var (_, otherParty) = await CustomerAsync(admin, "Quiet Cycles " + Guid.NewGuid().ToString("N")[..6]);
        var changes = server.Services.GetRequiredService<IPartyChanges>();
        var heard = new List<PartyChange>();
        var invoice = new TaskCompletionSource<PartyChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var payment = new TaskCompletionSource<PartyChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = changes.Subscribe(server.DemoCompanyId, partyId, change =>
        {
            lock (heard)
                heard.Add(change);
            (change.Kind == "invoice.posted" ? invoice : payment).TrySetResult(change);
            return Task.CompletedTask;
        });
        var otherHeard = 0;
        using var other = changes.Subscribe(server.DemoCompanyId, otherParty, _ =>
        {
            Interlocked.Increment(ref otherHeard);
            return Task.CompletedTask;
        });

        var posted = await PostDocumentAsync(ledger, "customerInvoice", partyId, DateOnly.FromDateTime(DateTime.UtcNow), 10m);
        var change = await invoice.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(new PartyChange(server.DemoCompanyId, partyId, "invoice.posted"), change);
        await Crm.PostAsync(admin, "/api/v1/accounting/payments", new
        {
            direction = "in", partyId, date = Iso(DateOnly.FromDateTime(DateTime.UtcNow)), amount = Eur(12m),
            allocations = new[] { new { invoiceId = posted.Id(), amount = Eur(12m) } },
        });
        Assert.Equal("payment.received", (await payment.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct)).Kind);
        Assert.Equal(0, otherHeard);

        subscription.Dispose();
        await PostDocumentAsync(ledger, "customerInvoice", partyId, DateOnly.FromDateTime(DateTime.UtcNow), 10m);
        await PostDocumentAsync(ledger, "customerInvoice", otherParty, DateOnly.FromDateTime(DateTime.UtcNow), 10m);
        for (var waited = 0; Volatile.Read(ref otherHeard) == 0 && waited < 300; waited++)
            await Task.Delay(100, Ct);
        Assert.Equal(1, Volatile.Read(ref otherHeard));
        lock (heard)
            Assert.Equal(2, heard.Count); // nothing after the page closed
    }
}

public sealed class AccountOverviewApiOnSqlite(SqliteServer server) : AccountOverviewApiTests(server), IClassFixture<SqliteServer>;

public sealed class AccountOverviewApiOnPostgres(PostgresServer server) : AccountOverviewApiTests(server), IClassFixture<PostgresServer>;
