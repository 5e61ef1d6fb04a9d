using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Accounting.Contracts;
using Tandem.Platform.Identity;
using Tandem.Platform.Outbox;
using Tandem.Platform.Webhooks;
using Tandem.Testing;

namespace Tandem.Accounting.Tests.Features;

/// <summary>Posting an invoice and receiving a payment publish integration events through the outbox, in the posting's transaction.</summary>
public abstract class AccountingEventsTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Posting_an_invoice_publishes_InvoicePosted_once_and_a_refused_repost_publishes_nothing()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var customer = await PartyAsync(ledger, "Evented Customer");
        // 2 × 60.25 = 120.50, no tax.
        var invoice = await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/invoices?post=true", new
        {
            kind = "customerInvoice", partyId = customer, date = "2025-03-03", currency = "EUR",
            lines = new[] { new { description = "Saddles", quantity = 2m, unitPrice = 60.25m, accountId = ledger.Account("4000") } },
        }, Ct));
        var invoiceId = invoice.GetProperty("id").GetGuid();

        var messages = await MessagesAsync<InvoicePosted>(ledger.CompanyId);
        var posted = JsonSerializer.Deserialize<JsonElement>(Assert.Single(messages).Payload);
        Assert.Equal(invoiceId, posted.GetProperty("invoiceId").GetGuid());
        Assert.Equal(invoice.GetProperty("number").GetString(), posted.GetProperty("number").GetString());
        Assert.Equal(customer, posted.GetProperty("partyId").GetGuid());

        var again = await ledger.Http.PostAsync($"/api/v1/accounting/invoices/{invoiceId}/post", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await MessagesAsync<InvoicePosted>(ledger.CompanyId));
    }

    [Fact]
    public async Task A_received_payment_publishes_PaymentReceived_and_an_outgoing_one_does_not()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        var customer = await PartyAsync(ledger, "Paying Customer");
        await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/payments",
            new { direction = "in", partyId = customer, date = "2025-03-04", amount = LedgerClient.Eur(75m), excess = "on-account" }, Ct));
        await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/payments",
            new { direction = "out", partyId = customer, date = "2025-03-05", amount = LedgerClient.Eur(75m), excess = "on-account" }, Ct));

        var received = JsonSerializer.Deserialize<JsonElement>(Assert.Single(await MessagesAsync<PaymentReceived>(ledger.CompanyId)).Payload);
        Assert.Equal(customer, received.GetProperty("partyId").GetGuid());
        Assert.Equal("2025-03-04", received.GetProperty("date").GetString());
    }

    [Fact]
    public async Task A_subscription_to_invoice_posted_gets_a_delivery_with_the_invoice()
    {
        var ledger = await LedgerClient.NewCompanyAsync(server);
        Guid hook;
        await using (var scope = server.ScopeFor(ledger.CompanyId))
        {
            // Nothing listens on port 9: the delivery is written and then retried, which is all this test reads.
            var created = await scope.ServiceProvider.GetRequiredService<WebhookAdministration>()
                .CreateAsync(new WebhookInput("http://127.0.0.1:9/hook", ["invoice.posted", "payment.received"]), Ct);
            hook = created.Value.Id;
        }
        var customer = await PartyAsync(ledger, "Hooked Customer");
        var invoice = await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/accounting/invoices?post=true", new
        {
            kind = "customerInvoice", partyId = customer, date = "2025-03-03", currency = "EUR",
            lines = new[] { new { description = "Bells", quantity = 4m, unitPrice = 5m, accountId = ledger.Account("4000") } },
        }, Ct));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<WebhookDelivery> deliveries;
        do
        {
            await Task.Delay(100, Ct);
            await using var scope = server.ScopeFor(ledger.CompanyId);
            deliveries = await scope.ServiceProvider.GetRequiredService<PlatformDb>().Set<WebhookDelivery>().AsNoTracking()
                .Where(d => d.SubscriptionId == hook).ToListAsync(Ct);
        }
        while (deliveries.Count == 0 && DateTime.UtcNow < deadline);
        var delivery = Assert.Single(deliveries);
        Assert.Equal("invoice.posted", delivery.EventType);
        var body = JsonSerializer.Deserialize<JsonElement>(delivery.Body);
        Assert.Equal("invoice.posted", body.GetProperty("type").GetString());
        Assert.Equal(ledger.CompanyId, body.GetProperty("companyId").GetGuid());
        Assert.Equal(invoice.GetProperty("number").GetString(), body.GetProperty("data").GetProperty("number").GetString());
        Assert.Equal("customerInvoice", body.GetProperty("data").GetProperty("kind").GetString());
        // 4 × 5.00 = 20.00, as a money object with the amount as a string.
        Assert.Equal("20.00", body.GetProperty("data").GetProperty("total").GetProperty("amount").GetString());
    }

    private async Task<List<OutboxMessage>> MessagesAsync<TEvent>(Guid companyId)
    {
        await using var scope = server.ScopeFor(companyId);
        var type = typeof(TEvent).FullName;
        return await scope.ServiceProvider.GetRequiredService<PlatformDb>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.CompanyId == companyId && m.Type == type).ToListAsync(Ct);
    }

    private static async Task<Guid> PartyAsync(LedgerClient ledger, string name) =>
        (await Ok(await ledger.Http.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name, isCustomer = true }, Ct))).GetProperty("id").GetGuid();

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return body;
    }
}

public sealed class AccountingEventsOnSqlite(SqliteServer server) : AccountingEventsTests(server), IClassFixture<SqliteServer>;

public sealed class AccountingEventsOnPostgres(PostgresServer server) : AccountingEventsTests(server), IClassFixture<PostgresServer>;
