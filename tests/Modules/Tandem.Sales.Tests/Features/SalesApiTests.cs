using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Sales.Tests.Features;

/// <summary>Quotes, credit, quote to order and confirmation through the HTTP API.</summary>
public abstract class SalesApiTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static decimal Amount(JsonElement money) => SalesClient.Amount(money);

    private static DateOnly Today => SalesClient.Today;

    [Fact]
    public async Task A_quote_from_an_opportunity_is_priced_taxed_and_promised_then_revised_and_accepted_into_an_order_that_wins_the_opportunity()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE", 500m, stock: 10, cost: 300m);
        var helmet = await rep.ProductAsync("HELMET", 40m, leadTimeDays: 10);
        var install = await rep.ProductAsync("INSTALL", 80m, kind: "service");
        var opportunity = await rep.PostAsync("/api/v1/crm/opportunities",
            new { name = "Fleet", accountId = rep.AccountId, amount = SalesClient.Eur(1000m), expectedCloseDate = SalesClient.Iso(Today.AddDays(60)) }, HttpStatusCode.Created);

        var quote = await rep.PostAsync("/api/v1/sales/quotes", new
        {
            opportunityId = opportunity.Id(), notes = "Delivery to the shop",
            lines = new object[]
            {
                new { productId = bike, quantity = 4, discountPercent = 10, taxId = rep.VatId },
                new { productId = helmet, quantity = 5, taxId = rep.VatId },
                new { productId = install, quantity = 1 },
            },
        }, HttpStatusCode.Created);

        // Bike: 500.00 − 10 % = 450.00 × 4 = 1,800.00, VAT 20 % 360.00. Helmets: 5 × 40.00 = 200.00, VAT 40.00. Installation 80.00 untaxed.
        // Untaxed 2,080.00, tax 400.00, total 2,480.00, in the company's EUR.
        Assert.Equal($"Q{Today.Year}-00001", quote.Str("number"));
        Assert.Equal((1, "open", rep.CustomerId), (quote.GetProperty("revision").GetInt32(), quote.Str("status"), quote.GetProperty("customerId").GetGuid()));
        Assert.Equal(opportunity.Id(), quote.GetProperty("opportunityId").GetGuid());
        Assert.Equal((450m, 1800m, 360m, 2160m), (Amount(quote.Line(1).GetProperty("netUnitPrice")), Amount(quote.Line(1).GetProperty("net")),
            Amount(quote.Line(1).GetProperty("tax")), Amount(quote.Line(1).GetProperty("gross"))));
        Assert.Equal("list_price", quote.Line(1).Str("priceSource"));
        Assert.Equal((2080m, 400m, 2480m), (Amount(quote.GetProperty("untaxed")), Amount(quote.GetProperty("tax")), Amount(quote.GetProperty("total"))));
        Assert.Equal("EUR", quote.Str("currency"));

        // Bikes are in stock today; helmets have none and come after their 10-day lead time; the quote ships complete with the last.
        Assert.Equal((SalesClient.Iso(Today), "stock"), (quote.Line(1).Str("promiseDate"), quote.Line(1).Str("promiseBasis")));
        Assert.Equal(SalesClient.Iso(Today.AddDays(10)), quote.Line(2).Str("promiseDate"));
        Assert.Equal("service", quote.Line(3).Str("promiseBasis"));
        Assert.Equal(SalesClient.Iso(Today.AddDays(10)), quote.Str("shipCompleteDate"));
        Assert.Equal(SalesClient.Iso(Today.AddDays(30)), quote.Str("validUntil"));

        // Revision 2: five bikes. 5 × 450.00 = 2,250.00 + VAT 450.00; untaxed 2,530.00, tax 490.00, total 3,020.00.
        var revised = await rep.PostAsync($"/api/v1/sales/quotes/{quote.Id()}/revise", new
        {
            lines = new object[]
            {
                new { productId = bike, quantity = 5, discountPercent = 10, taxId = rep.VatId },
                new { productId = helmet, quantity = 5, taxId = rep.VatId },
                new { productId = install, quantity = 1 },
            },
        }, HttpStatusCode.Created);
        Assert.Equal((quote.Str("number"), 2, quote.Id()), (revised.Str("number"), revised.GetProperty("revision").GetInt32(), revised.GetProperty("previousId").GetGuid()));
        Assert.Equal(3020m, Amount(revised.GetProperty("total")));
        Assert.Equal(opportunity.Id(), revised.GetProperty("opportunityId").GetGuid());
        var old = await rep.GetAsync($"/api/v1/sales/quotes/{quote.Id()}");
        Assert.Equal(("revised", 2480m), (old.Str("status"), Amount(old.GetProperty("total"))));
        Assert.Equal(["revised", "open"], old.GetProperty("revisions").EnumerateArray().Select(r => r.Str("status")));
        var again = await rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{quote.Id()}/revise", new { lines = new[] { new { productId = bike, quantity = 1 } } }, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "quote_not_open"), (again.StatusCode, await SalesClient.CodeOf(again)));

        // Accepted: a draft order with the quote's lines and lineage, numbered SO.
        var order = await rep.PostAsync($"/api/v1/sales/quotes/{revised.Id()}/accept", new { }, HttpStatusCode.Created);
        Assert.Equal(($"SO{Today.Year}-00001", "draft"), (order.Str("number"), order.Str("status")));
        Assert.Equal((revised.Id(), opportunity.Id(), rep.AccountId), (order.GetProperty("quoteId").GetGuid(), order.GetProperty("opportunityId").GetGuid(), order.GetProperty("accountId").GetGuid()));
        Assert.Equal(3020m, Amount(order.GetProperty("total")));
        Assert.Equal([5m, 5m, 1m], order.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("quantity").GetDecimal()));
        var accepted = await rep.GetAsync($"/api/v1/sales/quotes/{revised.Id()}");
        Assert.Equal(("accepted", order.Id()), (accepted.Str("status"), accepted.GetProperty("orderId").GetGuid()));

        // The CRM marks the opportunity won with the order's amount once the event is delivered.
        JsonElement won = default;
        for (var i = 0; i < 100; i++)
        {
            won = (await rep.GetAsync($"/api/v1/crm/opportunities/{opportunity.Id()}")).GetProperty("opportunity");
            if (string.Equals(won.GetProperty("stageKind").ToString(), "won", StringComparison.OrdinalIgnoreCase))
                break;
            await Task.Delay(100, Ct);
        }
        Assert.Equal("won", won.GetProperty("stageKind").ToString(), ignoreCase: true);
        Assert.Equal(3020m, Amount(won.GetProperty("amount")));
    }

    [Fact]
    public async Task A_preview_prices_taxes_and_promises_the_lines_as_saving_would_and_writes_nothing()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE", 500m, stock: 10, cost: 300m);
        var helmet = await rep.ProductAsync("HELMET", 40m, leadTimeDays: 10);
        var before = await rep.StateAsync();
        object Body(decimal bikes) => new
        {
            accountId = rep.AccountId,
            lines = new object[] { new { productId = bike, quantity = bikes, discountPercent = 10, taxId = rep.VatId }, new { productId = helmet, quantity = 5, taxId = rep.VatId } },
        };

        // 4 bikes at 450.00 from stock today, 5 helmets after their 10-day lead time: untaxed 2,000.00, tax 400.00.
        var preview = await rep.PostAsync("/api/v1/sales/quotes/preview", Body(4), HttpStatusCode.OK);
        Assert.Equal((1800m, 2160m), (Amount(preview.Line(1).GetProperty("net")), Amount(preview.Line(1).GetProperty("gross"))));
        Assert.Equal((SalesClient.Iso(Today), "stock"), (preview.Line(1).Str("promiseDate"), preview.Line(1).Str("promiseBasis")));
        Assert.Equal((SalesClient.Iso(Today.AddDays(10)), "lead_time"), (preview.Line(2).Str("promiseDate"), preview.Line(2).Str("promiseBasis")));
        Assert.Equal((2000m, 400m, 2400m), (Amount(preview.GetProperty("untaxed")), Amount(preview.GetProperty("tax")), Amount(preview.GetProperty("total"))));
        Assert.Equal(SalesClient.Iso(Today.AddDays(10)), preview.Str("shipCompleteDate"));
        // More bikes than the 10 in stock: the promise moves to the lead time, as it would on the saved quote.
        var short_ = await rep.PostAsync("/api/v1/sales/quotes/preview", Body(12), HttpStatusCode.OK);
        Assert.NotEqual("stock", short_.Line(1).Str("promiseBasis"));
        Assert.Equal(before, await rep.StateAsync());

        // The saved quote is the preview, under the first number: the preview took none.
        var quote = await rep.PostAsync("/api/v1/sales/quotes", Body(4), HttpStatusCode.Created);
        Assert.Equal($"Q{Today.Year}-00001", quote.Str("number"));
        Assert.Equal(Amount(preview.GetProperty("total")), Amount(quote.GetProperty("total")));
        Assert.Equal(preview.Line(2).Str("promiseDate"), quote.Line(2).Str("promiseDate"));

        // A revision's preview keeps the quote's customer; bad input and an unknown quote are refused, and nothing is written.
        var revision = await rep.PostAsync($"/api/v1/sales/quotes/preview?revise={quote.Id()}",
            new { lines = new object[] { new { productId = bike, quantity = 1 } } }, HttpStatusCode.OK);
        Assert.Equal(500m, Amount(revision.GetProperty("total")));
        var after = await rep.StateAsync();
        var empty = await rep.Http.PostAsJsonAsync("/api/v1/sales/quotes/preview", new { accountId = rep.AccountId, lines = Array.Empty<object>() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var unknown = await rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/preview?revise={Guid.NewGuid()}", Body(1), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(after, await rep.StateAsync());
    }

    [Fact]
    public async Task Accepting_an_expired_rejected_or_accepted_quote_is_refused_and_writes_nothing()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-X", 500m, stock: 5, cost: 300m);
        var expired = await rep.PostAsync("/api/v1/sales/quotes", new
        {
            customerId = rep.CustomerId, quoteDate = SalesClient.Iso(Today.AddDays(-40)), validUntil = SalesClient.Iso(Today.AddDays(-10)),
            lines = new[] { new { productId = bike, quantity = 1 } },
        }, HttpStatusCode.Created);
        Assert.Equal("expired", expired.Str("status"));
        var quote = await rep.QuoteAsync((bike, 1m, 0m, false));
        await rep.PostAsync($"/api/v1/sales/quotes/{quote.Id()}/accept", new { }, HttpStatusCode.Created);
        var rejected = await rep.QuoteAsync((bike, 2m, 0m, false));
        var noReason = await rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{rejected.Id()}/reject", new { reason = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var done = await rep.PostAsync($"/api/v1/sales/quotes/{rejected.Id()}/reject", new { reason = "Went with a competitor" }, HttpStatusCode.OK);
        Assert.Equal(("rejected", "Went with a competitor"), (done.Str("status"), done.Str("rejectionReason")));

        var before = await rep.StateAsync();
        await Refused(rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{expired.Id()}/accept", new { }, Ct), HttpStatusCode.Conflict, "quote_expired");
        await Refused(rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{quote.Id()}/accept", new { }, Ct), HttpStatusCode.Conflict, "quote_already_accepted");
        await Refused(rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{rejected.Id()}/accept", new { }, Ct), HttpStatusCode.Conflict, "quote_not_open");
        await Refused(rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{Guid.NewGuid()}/accept", new { }, Ct), HttpStatusCode.NotFound, "not_found");
        await Refused(rep.Http.PostAsJsonAsync("/api/v1/sales/quotes", new { customerId = rep.CustomerId, lines = new[] { new { productId = bike, quantity = -1 } } }, Ct),
            HttpStatusCode.BadRequest, "validation_failed");
        await Refused(rep.Http.PostAsJsonAsync("/api/v1/sales/quotes", new { lines = new[] { new { productId = bike, quantity = 1 } } }, Ct), HttpStatusCode.BadRequest, "validation_failed");
        await Refused(rep.Http.PostAsJsonAsync("/api/v1/sales/quotes", new { customerId = rep.CustomerId, lines = new[] { new { productId = Guid.NewGuid(), quantity = 1 } } }, Ct),
            HttpStatusCode.NotFound, "not_found");
        await Refused(rep.Http.PostAsJsonAsync("/api/v1/sales/quotes",
            new { customerId = rep.CustomerId, lines = new[] { new { productId = bike, quantity = 1, unitPrice = new { amount = "10.00", currency = "USD" } } } }, Ct),
            HttpStatusCode.UnprocessableEntity, "currency_mismatch");
        Assert.Equal(before, await rep.StateAsync());

        // Another company sees neither the quote nor the order.
        var other = await SalesClient.NewCompanyAsync(server);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/sales/quotes/{quote.Id()}", Ct)).StatusCode);
        await Refused(other.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{quote.Id()}/accept", new { }, Ct), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Over_the_credit_limit_acceptance_is_refused_with_the_figures_or_waits_for_a_finance_manager()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-C", 500m, stock: 20, cost: 300m);
        await rep.CreditLimitAsync(2000m);

        // A confirmed order of 3 × 500.00 = 1,500.00 is uninvoiced exposure.
        var first = await rep.OrderAsync((bike, 3m, 0m, false));
        await rep.PostAsync($"/api/v1/sales/orders/{first.Id()}/confirm", new { }, HttpStatusCode.OK);

        // 1,500.00 uninvoiced + 2 × 500.00 = 1,000.00 this quote = 2,500.00 > 2,000.00.
        var quote = await rep.QuoteAsync((bike, 2m, 0m, false));
        var before = await rep.StateAsync();
        var refused = await rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{quote.Id()}/accept", new { }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("credit_limit_exceeded", problem.Str("code"));
        var credit = problem.GetProperty("credit");
        Assert.Equal((0m, 1500m, 1000m, 2500m, 2000m), (credit.GetProperty("openReceivables").GetDecimal(), credit.GetProperty("uninvoicedOrders").GetDecimal(),
            credit.GetProperty("document").GetDecimal(), credit.GetProperty("exposure").GetDecimal(), credit.GetProperty("limit").GetDecimal()));
        Assert.Equal(before, await rep.StateAsync());

        // Sent for approval: 202 with the request; nothing else changes until a finance manager decides.
        var pending = await rep.PostAsync($"/api/v1/sales/quotes/{quote.Id()}/accept", new { requestApproval = true }, HttpStatusCode.Accepted);
        Assert.Equal(("pending", "quote", 2500m), (pending.Str("status"), pending.Str("documentType"), pending.GetProperty("exposure").GetDecimal()));
        var queue = await rep.GetAsync("/api/v1/sales/approvals?status=pending");
        Assert.Equal(pending.Id(), Assert.Single(queue.EnumerateArray()).Id());
        Assert.Equal("open", (await rep.GetAsync($"/api/v1/sales/quotes/{quote.Id()}")).Str("status"));

        // A sales rep alone may not approve.
        var (email, password) = await server.CreateUserAsync(["sales_rep"], rep.CompanyId);
        var repOnly = await server.ClientFor(email, password);
        Assert.Equal(HttpStatusCode.Forbidden, (await repOnly.PostAsJsonAsync($"/api/v1/sales/approvals/{pending.Id()}/approve", new { note = "ok" }, Ct)).StatusCode);

        var approved = await rep.PostAsync($"/api/v1/sales/approvals/{pending.Id()}/approve", new { note = "Long-standing customer" }, HttpStatusCode.OK);
        Assert.Equal("approved", approved.Str("status"));
        Assert.False(string.IsNullOrEmpty(approved.Str("decidedBy")));
        var twice = await rep.Http.PostAsJsonAsync($"/api/v1/sales/approvals/{pending.Id()}/reject", new { note = "no" }, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "approval_decided"), (twice.StatusCode, await SalesClient.CodeOf(twice)));
        var audit = await rep.GetAsync($"/api/v1/audit/CreditApproval/{pending.Id()}");
        Assert.Contains("Long-standing customer", audit.GetRawText(), StringComparison.Ordinal);

        // Approved, the acceptance goes through; the order's confirmation counts the quote's approval.
        var order = await rep.PostAsync($"/api/v1/sales/quotes/{quote.Id()}/accept", new { }, HttpStatusCode.Created);
        var confirmed = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/confirm", new { }, HttpStatusCode.OK);
        Assert.Equal("confirmed", confirmed.Str("status"));
    }

    [Fact]
    public async Task Confirming_reserves_stock_once_a_retry_with_the_same_key_replays_and_confirming_twice_is_refused()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-I", 500m, stock: 10, cost: 300m);
        var install = await rep.ProductAsync("INSTALL-I", 80m, kind: "service");
        var order = await rep.OrderAsync((bike, 4m, 0m, true), (install, 1m, 0m, false));

        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> ConfirmAsync(string idempotencyKey)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/orders/{order.Id()}/confirm") { Content = JsonContent.Create(new { }) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return await rep.Http.SendAsync(request, Ct);
        }
        var first = await ConfirmAsync(key);
        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Ct));
        var retry = await ConfirmAsync(key);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotency-Replayed"));
        var confirmed = await rep.GetAsync($"/api/v1/sales/orders/{order.Id()}");
        Assert.Equal("confirmed", confirmed.Str("status"));

        // One delivery move for the goods line, reserving all 4; none for the service. 10 on hand, 4 reserved, 6 available.
        var move = Assert.Single(confirmed.GetProperty("moves").EnumerateArray());
        Assert.Equal(("delivery", "reserved", 4m, 4m), (move.Str("kind"), move.Str("status"), move.GetProperty("quantity").GetDecimal(), move.GetProperty("reserved").GetDecimal()));
        Assert.Equal((10m, 4m, 6m), await rep.StockAsync(bike));

        var before = await rep.StateAsync();
        var twice = await ConfirmAsync(Guid.NewGuid().ToString());
        Assert.Equal((HttpStatusCode.Conflict, "order_already_confirmed"), (twice.StatusCode, await SalesClient.CodeOf(twice)));

        // Invoicing goods not yet delivered is refused; the service is invoiced on its ordered quantity, then no more.
        var tooMuch = await rep.Http.PostAsJsonAsync($"/api/v1/sales/orders/{order.Id()}/invoices",
            new { lines = new[] { new { orderLineId = confirmed.Line(1).Id(), quantity = 1 } } }, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "invoice_exceeds_delivered"), (tooMuch.StatusCode, await SalesClient.CodeOf(tooMuch)));
        Assert.Equal(before, await rep.StateAsync());
        var invoiced = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/invoices", new { }, HttpStatusCode.OK);
        var invoice = Assert.Single(invoiced.GetProperty("invoices").EnumerateArray());
        Assert.Equal(($"INV{Today.Year}-00001", 80m, 80m), (invoice.Str("number"), Amount(invoice.GetProperty("total")), Amount(invoice.GetProperty("open"))));
        Assert.Equal(1m, invoiced.Line(2).GetProperty("invoiced").GetDecimal());
        var serviceAgain = await rep.Http.PostAsJsonAsync($"/api/v1/sales/orders/{order.Id()}/invoices",
            new { lines = new[] { new { orderLineId = confirmed.Line(2).Id(), quantity = 1 } } }, Ct);
        Assert.Equal("invoice_exceeds_delivered", await SalesClient.CodeOf(serviceAgain));
        // Receivable 80.00, revenue 80.00.
        Assert.Equal(80m, await rep.AccountBalanceAsync("1100"));
        Assert.Equal(-80m, await rep.AccountBalanceAsync("4000"));
        await rep.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_sales_delivery_ships_from_its_order_and_the_stock_screens_may_not_complete_or_cancel_it()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-O", 500m, stock: 5, cost: 300m);
        var order = await rep.OrderAsync((bike, 2m, 0m, false));
        await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/confirm", new { }, HttpStatusCode.OK);
        var moveId = Assert.Single((await rep.GetAsync($"/api/v1/sales/orders/{order.Id()}")).GetProperty("moves").EnumerateArray()).GetProperty("moveId").GetGuid();

        // Done or cancelled on the stock side, the order would never hear of it: refused, and nothing changes.
        var before = await rep.StateAsync();
        var done = await rep.Http.PostAsJsonAsync($"/api/v1/inventory/moves/{moveId}/done", new { }, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "move_owned_by_document"), (done.StatusCode, await SalesClient.CodeOf(done)));
        var cancelled = await rep.Http.PostAsync($"/api/v1/inventory/moves/{moveId}/cancel", null, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "move_owned_by_document"), (cancelled.StatusCode, await SalesClient.CodeOf(cancelled)));
        Assert.Equal(before, await rep.StateAsync());

        // Shipped from the order: 2 delivered; 5 − 2 = 3 on hand, nothing reserved.
        var shipped = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/deliveries", new { }, HttpStatusCode.OK);
        Assert.Equal("delivered", shipped.Str("status"));
        Assert.Equal((3m, 0m, 3m), await rep.StockAsync(bike));
        await rep.AssertConsistentAsync();
    }

    [Fact]
    public async Task Eight_parallel_confirmations_never_exceed_the_credit_limit()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-P", 100m, stock: 100, cost: 60m);
        await rep.CreditLimitAsync(500m);
        var orders = new List<Guid>();
        for (var i = 0; i < 8; i++)
            orders.Add((await rep.OrderAsync((bike, 2m, 0m, false))).Id());
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            var (email, password) = await server.CreateUserAsync(["warehouse"], rep.CompanyId);
            clients.Add(await server.ClientFor(email, password));
        }
        using var start = new SemaphoreSlim(0);
        var attempts = clients.Select(async (http, i) =>
        {
            await start.WaitAsync(Ct);
            var response = await http.PostAsJsonAsync($"/api/v1/sales/orders/{orders[i]}/confirm", new { }, Ct);
            return (response.StatusCode, await SalesClient.CodeOf(response));
        }).ToList();
        start.Release(clients.Count);
        var results = await Task.WhenAll(attempts);

        // Each order is 2 × 100.00 = 200.00 against a 500.00 limit: exactly two fit (400.00); a third would make 600.00.
        Assert.Equal(2, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal("credit_limit_exceeded", r.Item2));
        var confirmed = (await rep.GetAsync("/api/v1/sales/orders?status=confirmed")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(400m, confirmed.Sum(o => Amount(o.GetProperty("total"))));
        await rep.AssertConsistentAsync();
    }

    [Fact]
    public async Task Eight_parallel_confirmations_for_scarce_stock_never_oversell_and_propose_the_shortfall()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-Q", 100m, stock: 5, cost: 60m);
        var supplier = await rep.PostAsync("/api/v1/parties", new { kind = "organisation", name = "Frame Works " + rep.CompanyId.ToString("N")[..6], isSupplier = true }, HttpStatusCode.Created);
        await rep.PostAsync("/api/v1/purchasing/prices", new { supplierId = supplier.Id(), productId = bike, minQuantity = 1, unitPrice = SalesClient.Eur(55m) }, HttpStatusCode.Created);
        var orders = new List<Guid>();
        for (var i = 0; i < 8; i++)
            orders.Add((await rep.OrderAsync((bike, 2m, 0m, false))).Id());
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            var (email, password) = await server.CreateUserAsync(["warehouse"], rep.CompanyId);
            clients.Add(await server.ClientFor(email, password));
        }
        using var start = new SemaphoreSlim(0);
        var attempts = clients.Select(async (http, i) =>
        {
            await start.WaitAsync(Ct);
            var response = await http.PostAsJsonAsync($"/api/v1/sales/orders/{orders[i]}/confirm", new { }, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }).ToList();
        start.Release(clients.Count);
        var results = await Task.WhenAll(attempts);

        // All 8 confirm; 8 × 2 = 16 wanted against 5 on hand: exactly 5 reserved, never more, and 16 − 5 = 11 proposed for purchase.
        Assert.All(results, r => Assert.True(r.StatusCode == HttpStatusCode.OK, r.Item2));
        Assert.Equal((5m, 5m, 0m), await rep.StockAsync(bike));
        var reserved = 0m;
        foreach (var id in orders)
            reserved += (await rep.GetAsync($"/api/v1/sales/orders/{id}")).GetProperty("moves").EnumerateArray().Sum(m => m.GetProperty("reserved").GetDecimal());
        Assert.Equal(5m, reserved);
        var drafts = (await rep.GetAsync("/api/v1/purchasing/orders?status=draft&limit=100")).GetProperty("items").EnumerateArray().ToList();
        var proposed = 0m;
        foreach (var draft in drafts)
            proposed += (await rep.GetAsync($"/api/v1/purchasing/orders/{draft.Id()}")).GetProperty("lines").EnumerateArray()
                .Where(l => l.GetProperty("productId").GetGuid() == bike).Sum(l => l.GetProperty("quantity").GetDecimal());
        Assert.Equal(11m, proposed);
        await rep.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_draft_order_is_cancelled_and_a_customer_takes_its_price_list_currency_from_its_sales_terms()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-T", 500m, stock: 2, cost: 300m);
        var missing = await rep.Http.PutAsJsonAsync($"/api/v1/sales/customers/{rep.CustomerId}/terms", new { currency = "USD" }, Ct);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        var set = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/sales/customers/{rep.CustomerId}/terms") { Content = JsonContent.Create(new { currency = "USD" }) };
        set.Headers.TryAddWithoutValidation("If-Match", "*");
        Assert.Equal(HttpStatusCode.OK, (await rep.Http.SendAsync(set, Ct)).StatusCode);
        Assert.Equal("USD", (await rep.GetAsync($"/api/v1/sales/customers/{rep.CustomerId}/terms")).Str("currency"));

        // The list price is in EUR, the customer is quoted in USD: the line needs a USD price.
        var refused = await rep.Http.PostAsJsonAsync("/api/v1/sales/quotes", new { accountId = rep.AccountId, lines = new[] { new { productId = bike, quantity = 1 } } }, Ct);
        Assert.Equal("currency_mismatch", await SalesClient.CodeOf(refused));
        var quote = await rep.PostAsync("/api/v1/sales/quotes", new
        {
            accountId = rep.AccountId, lines = new[] { new { productId = bike, quantity = 1, unitPrice = new { amount = "540.00", currency = "USD" } } },
        }, HttpStatusCode.Created);
        Assert.Equal(("USD", 540m, "manual"), (quote.Str("currency"), Amount(quote.GetProperty("total")), quote.Line(1).Str("priceSource")));
        var order = await rep.PostAsync($"/api/v1/sales/quotes/{quote.Id()}/accept", new { }, HttpStatusCode.Created);
        var cancelled = await rep.PostAsync($"/api/v1/sales/orders/{order.Id()}/cancel", null, HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.Str("status"));
        var confirm = await rep.Http.PostAsJsonAsync($"/api/v1/sales/orders/{order.Id()}/confirm", new { }, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "order_cancelled"), (confirm.StatusCode, await SalesClient.CodeOf(confirm)));
    }

    private static async Task Refused(Task<HttpResponseMessage> call, HttpStatusCode status, string code)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(code, (JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null));
    }
}

public sealed class SalesApiTestsOnSqlite(SqliteServer server) : SalesApiTests(server), IClassFixture<SqliteServer>;

public sealed class SalesApiTestsOnPostgres(PostgresServer server) : SalesApiTests(server), IClassFixture<PostgresServer>;
