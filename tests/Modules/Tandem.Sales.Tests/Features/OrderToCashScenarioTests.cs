using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Crm.Contracts;
using Tandem.Testing;

namespace Tandem.Sales.Tests.Features;

/// <summary>
/// A customer's whole story: a lead becomes an opportunity, a quote, an order shipped in two parts, two invoices, a
/// payment, a return and its credit note; every ledger effect checked by hand.
/// </summary>
public abstract class OrderToCashScenarioTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static decimal Amount(JsonElement money) => SalesClient.Amount(money);

    [Fact]
    public async Task Lead_to_cash_with_a_backorder_a_payment_and_a_return()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var today = SalesClient.Today;
        // Ten bikes in stock at 300.00: inventory 3,000.00.
        var bike = await rep.ProductAsync("BIKE-S", 500m, stock: 10, cost: 300m);
        Assert.Equal(3000m, await rep.AccountBalanceAsync("1200"));

        // The lead is qualified and converted into an account with an opportunity.
        var lead = await rep.PostAsync("/api/v1/crm/leads", new { name = "Rita Rider", company = "Rider Shops " + rep.CompanyId.ToString("N")[..6], email = "rita@rider.example" }, HttpStatusCode.Created);
        await rep.PostAsync($"/api/v1/crm/leads/{lead.Id()}/status", new { status = "qualified" }, HttpStatusCode.OK);
        var conversion = await rep.PostAsync($"/api/v1/crm/leads/{lead.Id()}/convert", new { opportunityName = "Eight bikes", amount = SalesClient.Eur(4000m) }, HttpStatusCode.OK);
        var opportunityId = conversion.GetProperty("opportunityId").GetGuid();

        // Quote: 8 bikes at 500.00 less 10 % = 450.00; 3,600.00 + VAT 20 % 720.00 = 4,320.00.
        var quote = await rep.PostAsync("/api/v1/sales/quotes", new
        {
            opportunityId, lines = new[] { new { productId = bike, quantity = 8, discountPercent = 10, taxId = rep.VatId } },
        }, HttpStatusCode.Created);
        Assert.Equal(4320m, Amount(quote.GetProperty("total")));
        var customerId = quote.GetProperty("customerId").GetGuid();
        var order = await rep.PostAsync($"/api/v1/sales/quotes/{quote.Id()}/accept", new { }, HttpStatusCode.Created);
        order = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/confirm", new { }, HttpStatusCode.OK);
        var line = order.Line(1).Id();
        Assert.Equal((10m, 8m, 2m), await rep.StockAsync(bike));

        // First shipment of 5: cost of goods sold 5 × 300.00 = 1,500.00; 3 stay reserved as a backorder.
        order = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/deliveries", new { lines = new[] { new { orderLineId = line, quantity = 5 } } }, HttpStatusCode.OK);
        Assert.Equal(("partially_delivered", 5m, 3m), (order.Str("status"), order.Line(1).GetProperty("delivered").GetDecimal(), order.Line(1).GetProperty("backorder").GetDecimal()));
        var open = Assert.Single(order.GetProperty("moves").EnumerateArray(), m => m.Str("status") == "reserved");
        Assert.Equal((3m, 3m), (open.GetProperty("quantity").GetDecimal(), open.GetProperty("reserved").GetDecimal()));
        Assert.Equal(1500m, await rep.AccountBalanceAsync("5000"));
        Assert.Equal((5m, 3m, 2m), await rep.StockAsync(bike));

        // Invoice what was delivered: 5 × 450.00 = 2,250.00 + VAT 450.00 = 2,700.00.
        var tooMuch = await rep.Http.PostAsJsonAsync($"/api/v1/sales/orders/{order.Id()}/invoices", new { lines = new[] { new { orderLineId = line, quantity = 6 } } }, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "invoice_exceeds_delivered"), (tooMuch.StatusCode, await SalesClient.CodeOf(tooMuch)));
        order = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/invoices", new { }, HttpStatusCode.OK);
        var first = Assert.Single(order.GetProperty("invoices").EnumerateArray());
        Assert.Equal(($"INV{today.Year}-00001", 2700m), (first.Str("number"), Amount(first.GetProperty("total"))));

        // The backorder ships: 3 × 300.00 = 900.00 more cost; then the rest is invoiced: 3 × 450.00 = 1,350.00 + 270.00 = 1,620.00.
        order = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/deliveries", new { }, HttpStatusCode.OK);
        Assert.Equal("delivered", order.Str("status"));
        order = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/invoices", new { }, HttpStatusCode.OK);
        Assert.Equal("invoiced", order.Str("status"));
        var second = order.GetProperty("invoices").EnumerateArray().Single(i => i.Str("number") == $"INV{today.Year}-00002");
        Assert.Equal(1620m, Amount(second.GetProperty("total")));
        // Receivable 2,700.00 + 1,620.00 = 4,320.00; sales 3,600.00; VAT 720.00; cost of goods sold 2,400.00; inventory 3,000.00 − 2,400.00 = 600.00.
        Assert.Equal((4320m, -3600m, -720m, 2400m, 600m), (await rep.AccountBalanceAsync("1100"), await rep.AccountBalanceAsync("4000"),
            await rep.AccountBalanceAsync("2100"), await rep.AccountBalanceAsync("5000"), await rep.AccountBalanceAsync("1200")));

        // The customer pays both invoices: the order becomes paid once the payment event is handled.
        await rep.PostAsync("/api/v1/accounting/payments", new
        {
            direction = "in", partyId = customerId, date = SalesClient.Iso(today), amount = SalesClient.Eur(4320m),
            allocations = new[] { new { invoiceId = first.GetProperty("invoiceId").GetGuid(), amount = SalesClient.Eur(2700m) }, new { invoiceId = second.GetProperty("invoiceId").GetGuid(), amount = SalesClient.Eur(1620m) } },
        }, HttpStatusCode.Created);
        Assert.Equal(0m, await rep.AccountBalanceAsync("1100"));
        Assert.Equal(4320m, await rep.AccountBalanceAsync("1000"));
        for (var i = 0; i < 100 && order.Str("status") != "paid"; i++)
        {
            await Task.Delay(100, Ct);
            order = await rep.GetAsync($"/api/v1/sales/orders/{order.Id()}");
        }
        Assert.Equal("paid", order.Str("status"));
        Assert.All(order.GetProperty("invoices").EnumerateArray(), i => Assert.Equal(0m, Amount(i.GetProperty("open"))));

        // One bike comes back: authorised, received at the 300.00 it left at, credited at 450.00 + VAT 90.00 = 540.00.
        var ra = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/returns", new { reason = "Frame scratched", lines = new[] { new { orderLineId = line, quantity = 1 } } }, HttpStatusCode.Created);
        Assert.Equal(($"RMA{today.Year}-00001", "authorised"), (ra.Str("number"), ra.Str("status")));
        var early = await rep.Http.PostAsJsonAsync($"/api/v1/sales/returns/{ra.Id()}/credit-note", new { }, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "return_not_received"), (early.StatusCode, await SalesClient.CodeOf(early)));
        ra = await rep.PostAsync($"/api/v1/sales/returns/{ra.Id()}/receive", new { }, HttpStatusCode.OK);
        Assert.Equal("received", ra.Str("status"));
        Assert.Equal((3m, 0m, 3m), await rep.StockAsync(bike));
        ra = await rep.PostAsync($"/api/v1/sales/returns/{ra.Id()}/credit-note", new { }, HttpStatusCode.OK);
        Assert.Equal(("credited", $"CN{today.Year}-00001"), (ra.Str("status"), ra.Str("creditNoteNumber")));

        // Ledger after everything: receivable −540.00 (owed to the customer); sales 3,600.00 − 450.00 = 3,150.00; VAT 720.00 − 90.00 = 630.00;
        // cost of goods sold 2,400.00 − 300.00 = 2,100.00; inventory 600.00 + 300.00 = 900.00; bank 4,320.00.
        Assert.Equal((-540m, -3150m, -630m, 2100m, 900m, 4320m), (await rep.AccountBalanceAsync("1100"), await rep.AccountBalanceAsync("4000"),
            await rep.AccountBalanceAsync("2100"), await rep.AccountBalanceAsync("5000"), await rep.AccountBalanceAsync("1200"), await rep.AccountBalanceAsync("1000")));
        order = await rep.GetAsync($"/api/v1/sales/orders/{order.Id()}");
        Assert.Equal(1m, order.Line(1).GetProperty("returned").GetDecimal());
        Assert.Contains(order.GetProperty("invoices").EnumerateArray(), i => i.Str("kind") == "credit_note" && Amount(i.GetProperty("total")) == 540m);

        // The opportunity was won with the order's 4,320.00.
        JsonElement won = default;
        for (var i = 0; i < 100; i++)
        {
            won = (await rep.GetAsync($"/api/v1/crm/opportunities/{opportunityId}")).GetProperty("opportunity");
            if (string.Equals(won.GetProperty("stageKind").ToString(), "won", StringComparison.OrdinalIgnoreCase))
                break;
            await Task.Delay(100, Ct);
        }
        Assert.Equal(("won", 4320m), (won.GetProperty("stageKind").ToString().ToLowerInvariant(), Amount(won.GetProperty("amount"))));

        // The customer-360 sources: the order (paid, so no longer open), two shipments of 5 and 3, and the ERP events.
        await using (var scope = server.ScopeFor(rep.CompanyId))
        {
            var query = new AccountOverviewQuery(conversion.GetProperty("accountId").GetGuid(), customerId, today);
            var sales = await scope.ServiceProvider.GetRequiredService<IAccountSalesSource>().GetSalesAsync(query, Ct);
            Assert.Equal((order.Id(), "paid"), (sales.LastOrder!.Id, sales.LastOrder.Status));
            Assert.Empty(sales.OpenOrders);
            Assert.Equal([3m, 5m], sales.Shipments.Select(s => s.Quantity).Order());
            var events = await scope.ServiceProvider.GetRequiredService<IAccountTimelineSource>().GetEventsAsync(query, 20, Ct);
            Assert.Equal(1, events.Count(e => e.Kind == "order.confirmed"));
            Assert.Equal(2, events.Count(e => e.Kind == "shipment.done"));
            Assert.Equal(2, events.Count(e => e.Kind == "order.invoiced"));
        }
        await rep.AssertConsistentAsync();
    }
}

public sealed class OrderToCashScenarioTestsOnSqlite(SqliteServer server) : OrderToCashScenarioTests(server), IClassFixture<SqliteServer>;

public sealed class OrderToCashScenarioTestsOnPostgres(PostgresServer server) : OrderToCashScenarioTests(server), IClassFixture<PostgresServer>;
