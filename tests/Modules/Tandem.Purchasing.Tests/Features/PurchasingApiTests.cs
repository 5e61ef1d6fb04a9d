using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Purchasing.Contracts;
using Tandem.Testing;

namespace Tandem.Purchasing.Tests.Features;

/// <summary>Purchasing through its HTTP API: approval, partial receipts with lots, tolerances, three-way match, returns and bad input.</summary>
public abstract class PurchasingApiTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static decimal Amount(JsonElement money) => PurchasingClient.Amount(money);

    [Fact]
    public async Task An_order_is_approved_received_in_part_with_lots_and_shows_its_backorder()
    {
        var buyer = await PurchasingClient.NewCompanyAsync(server);
        var tube = await buyer.ProductAsync("TUBE-1", tracking: "lot");
        var helmet = await buyer.ProductAsync("HELM-1");
        await buyer.SettingsAsync(threshold: 1000m);

        // 100 × 2.00 + 10 × 40.00 = 600.00 < 1,000: approved at confirmation, numbered.
        var order = await buyer.OrderAsync((tube, 100, 2m), (helmet, 10, 40m));
        Assert.Equal("approved", order.GetProperty("status").GetString());
        Assert.Equal("PO2025-00001", order.GetProperty("number").GetString());
        Assert.Equal(600m, Amount(order.GetProperty("total")));

        var response = await buyer.ReceiveAsync(order,
            new { orderLineId = order.Line(1).Id(), quantity = 60, lots = new object[] { new { lot = "L-1", quantity = 40, expiryDate = "2027-06-30" }, new { lot = "L-2", quantity = 20 } } },
            new { orderLineId = order.Line(2).Id(), quantity = 10 });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("GR2025-00001", receipt.GetProperty("number").GetString());
        Assert.Equal("L-1 × 40, L-2 × 20", receipt.GetProperty("lines")[0].GetProperty("lots").GetString());

        // Tubes 60 of 100: 40 on backorder; helmets complete.
        var after = await buyer.OrderByIdAsync(order.Id());
        Assert.Equal("partially_received", after.GetProperty("status").GetString());
        Assert.Equal((60m, 40m), (after.Line(1).GetProperty("received").GetDecimal(), after.Line(1).GetProperty("backorder").GetDecimal()));
        Assert.Equal((10m, 0m), (after.Line(2).GetProperty("received").GetDecimal(), after.Line(2).GetProperty("backorder").GetDecimal()));
        Assert.Equal(40m, after.GetProperty("backorder").GetDecimal());
        Assert.Single(after.GetProperty("receipts").EnumerateArray());
        await using (var scope = server.ScopeFor(buyer.CompanyId))
        {
            var summary = await scope.ServiceProvider.GetRequiredService<IPurchasingModule>().FindOrderAsync(order.Id(), Ct);
            Assert.Equal([(100m, 60m, 40m), (10m, 10m, 0m)], summary!.Lines.Select(l => (l.Ordered, l.Received, l.Backorder)));
        }

        // The lots came from the supplier through the order; stock valued at the order's prices: 60 × 2.00 + 10 × 40.00 = 520.00.
        var lot = Assert.Single((await buyer.GetAsync($"/api/v1/inventory/lots?product={tube}&number=L-1")).EnumerateArray());
        Assert.Equal(40m, lot.GetProperty("onHand").GetDecimal());
        var trace = await buyer.GetAsync($"/api/v1/inventory/lots/{lot.Id()}/trace");
        Assert.Equal(buyer.SupplierId, trace.GetProperty("lot").GetProperty("supplierId").GetGuid());
        Assert.Equal("purchase_order", trace.GetProperty("origin").GetProperty("source").GetProperty("type").GetString());
        Assert.Equal(520m, Amount((await buyer.GetAsync("/api/v1/inventory/reports/valuation")).GetProperty("totalValue")));
        Assert.Equal(520m, await buyer.AccountBalanceAsync("1200"));
        Assert.Equal(-520m, await buyer.AccountBalanceAsync("2200"));

        // The rest arrives: received, nothing on backorder; the open list no longer shows it after closing.
        var rest = await buyer.ReceiveAsync(order, new { orderLineId = order.Line(1).Id(), quantity = 40, lots = new object[] { new { lot = "L-3" } } });
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        Assert.Equal("received", (await buyer.OrderByIdAsync(order.Id())).GetProperty("status").GetString());
        await buyer.PostAsync($"/api/v1/purchasing/orders/{order.Id()}/close", null, HttpStatusCode.OK);
        var open = await buyer.GetAsync("/api/v1/purchasing/orders?status=open");
        Assert.DoesNotContain(open.GetProperty("items").EnumerateArray(), o => o.Id() == order.Id());
        await buyer.AssertConsistentAsync();
    }

    [Fact]
    public async Task An_order_from_the_threshold_waits_for_an_approver_before_anything_is_received()
    {
        var buyer = await PurchasingClient.NewCompanyAsync(server);
        var helmet = await buyer.ProductAsync("HELM-2");
        await buyer.SettingsAsync(threshold: 1000m);

        // 25 × 40.00 = 1,000.00 ≥ 1,000: to_approve.
        var order = await buyer.OrderAsync((helmet, 25, 40m));
        Assert.Equal("to_approve", order.GetProperty("status").GetString());
        Assert.True(order.GetProperty("needsApproval").GetBoolean());
        var refused = await buyer.ReceiveAsync(order, new { orderLineId = order.Line(1).Id(), quantity = 1 });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("order_not_approved", await PurchasingClient.CodeOf(refused));

        // A warehouse user may read orders but not approve them.
        var (email, password) = await server.CreateUserAsync(["warehouse"], buyer.CompanyId);
        var warehouse = await server.ClientFor(email, password);
        Assert.Equal(HttpStatusCode.Forbidden, (await warehouse.PostAsync($"/api/v1/purchasing/orders/{order.Id()}/approve", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await warehouse.GetAsync($"/api/v1/purchasing/orders/{order.Id()}", Ct)).StatusCode);

        var approved = await buyer.PostAsync($"/api/v1/purchasing/orders/{order.Id()}/approve", null, HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        var again = await buyer.Http.PostAsync($"/api/v1/purchasing/orders/{order.Id()}/approve", null, Ct);
        Assert.Equal("order_not_to_approve", await PurchasingClient.CodeOf(again));
        Assert.Equal(HttpStatusCode.Created, (await warehouse.PostAsJsonAsync($"/api/v1/purchasing/orders/{order.Id()}/receipts",
            new { date = PurchasingClient.Date, lines = new[] { new { orderLineId = order.Line(1).Id(), quantity = 5 } } }, Ct)).StatusCode);
        await buyer.AssertConsistentAsync();
    }

    [Fact]
    public async Task Receiving_beyond_the_over_receipt_tolerance_is_refused_and_writes_nothing()
    {
        var buyer = await PurchasingClient.NewCompanyAsync(server);
        var helmet = await buyer.ProductAsync("HELM-3");
        await buyer.SettingsAsync(threshold: 0m, overReceipt: 10m);
        var order = await buyer.OrderAsync((helmet, 10, 3m));

        // Ordered 10, tolerance 10 %: at most 10 × 1.10 = 11 may be received.
        Assert.Equal(HttpStatusCode.Created, (await buyer.ReceiveAsync(order, new { orderLineId = order.Line(1).Id(), quantity = 8 })).StatusCode);
        var before = await buyer.StateAsync();
        var refused = await buyer.ReceiveAsync(order, new { orderLineId = order.Line(1).Id(), quantity = 3.5m });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("over_receipt", await PurchasingClient.CodeOf(refused));
        Assert.Equal(before, await buyer.StateAsync());

        Assert.Equal(HttpStatusCode.Created, (await buyer.ReceiveAsync(order, new { orderLineId = order.Line(1).Id(), quantity = 3 })).StatusCode);
        var after = await buyer.OrderByIdAsync(order.Id());
        Assert.Equal(("received", 11m, 0m), (after.GetProperty("status").GetString(), after.Line(1).GetProperty("received").GetDecimal(), after.Line(1).GetProperty("backorder").GetDecimal()));
        // 11 × 3.00 = 33.00 in stock and owed to the supplier until billed.
        Assert.Equal(33m, await buyer.AccountBalanceAsync("1200"));
        await buyer.AssertConsistentAsync();
    }

    [Fact]
    public async Task Parallel_receipts_never_receive_more_than_the_tolerance_allows()
    {
        var buyer = await PurchasingClient.NewCompanyAsync(server);
        var helmet = await buyer.ProductAsync("HELM-P");
        await buyer.SettingsAsync(threshold: 0m, overReceipt: 0m);
        var order = await buyer.OrderAsync((helmet, 10, 3m));
        var clients = new List<HttpClient>();
        for (var i = 0; i < 8; i++)
        {
            var (email, password) = await server.CreateUserAsync(["warehouse"], buyer.CompanyId);
            clients.Add(await server.ClientFor(email, password));
        }
        using var start = new SemaphoreSlim(0);
        var attempts = clients.Select(async http =>
        {
            await start.WaitAsync(Ct);
            var response = await http.PostAsJsonAsync($"/api/v1/purchasing/orders/{order.Id()}/receipts",
                new { date = PurchasingClient.Date, lines = new[] { new { orderLineId = order.Line(1).Id(), quantity = 2 } } }, Ct);
            return (response.StatusCode, await PurchasingClient.CodeOf(response));
        }).ToList();
        start.Release(clients.Count);
        var results = await Task.WhenAll(attempts);

        // 8 clients × 2 against 10 ordered: at most 5 get through; the others are refused as over-receipt or as a lost race.
        var accepted = results.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.InRange(accepted, 1, 5);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Contains(r.Item2, new[] { "over_receipt", "version_mismatch" }));
        var after = await buyer.OrderByIdAsync(order.Id());
        Assert.Equal(2m * accepted, after.Line(1).GetProperty("received").GetDecimal());
        var level = Assert.Single((await buyer.GetAsync($"/api/v1/inventory/stock/levels?product={helmet}")).EnumerateArray());
        Assert.Equal(2m * accepted, level.GetProperty("onHand").GetDecimal());
        Assert.Equal(accepted, (await buyer.GetAsync($"/api/v1/purchasing/receipts?order={order.Id()}")).GetArrayLength());
        await buyer.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_receipt_against_a_closed_or_cancelled_order_is_409_and_writes_nothing()
    {
        var buyer = await PurchasingClient.NewCompanyAsync(server);
        var helmet = await buyer.ProductAsync("HELM-4");
        await buyer.SettingsAsync(threshold: 0m);
        var closed = await buyer.OrderAsync((helmet, 10, 3m));
        Assert.Equal(HttpStatusCode.Created, (await buyer.ReceiveAsync(closed, new { orderLineId = closed.Line(1).Id(), quantity = 4 })).StatusCode);
        var closing = await buyer.PostAsync($"/api/v1/purchasing/orders/{closed.Id()}/close", null, HttpStatusCode.OK);
        Assert.Equal(("closed", 0m), (closing.GetProperty("status").GetString(), closing.GetProperty("backorder").GetDecimal()));
        var cancelled = await buyer.OrderAsync((helmet, 5, 3m));
        await buyer.PostAsync($"/api/v1/purchasing/orders/{cancelled.Id()}/cancel", null, HttpStatusCode.OK);
        var before = await buyer.StateAsync();

        foreach (var order in new[] { closed, cancelled })
        {
            var refused = await buyer.ReceiveAsync(order, new { orderLineId = order.Line(1).Id(), quantity = 1 });
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("order_closed", await PurchasingClient.CodeOf(refused));
        }
        var cancelClosed = await buyer.Http.PostAsync($"/api/v1/purchasing/orders/{closed.Id()}/cancel", null, Ct);
        Assert.Equal("order_closed", await PurchasingClient.CodeOf(cancelClosed));
        Assert.Equal(before, await buyer.StateAsync());
        await buyer.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_bill_within_the_price_tolerance_posts_and_one_beyond_is_held_until_released_with_a_note()
    {
        var buyer = await PurchasingClient.NewCompanyAsync(server);
        var helmet = await buyer.ProductAsync("HELM-5");
        await buyer.SettingsAsync(threshold: 0m, quantity: 0m, price: 2m);
        var grni = await buyer.AccountIdAsync("2200");
        var first = await buyer.OrderAsync((helmet, 10, 10m));
        await buyer.ReceiveAsync(first, new { orderLineId = first.Line(1).Id(), quantity = 10 });
        var second = await buyer.OrderAsync((helmet, 5, 20m));
        await buyer.ReceiveAsync(second, new { orderLineId = second.Line(1).Id(), quantity = 4 });

        object Bill(JsonElement order, decimal quantity, decimal price) => new
        {
            kind = "vendorBill", partyId = buyer.SupplierId, date = PurchasingClient.Date, currency = "EUR",
            lines = new[] { new { description = "Helmets", quantity, unitPrice = price, accountId = grni, purchaseOrderLineId = order.Line(1).Id() } },
        };

        // 10 @ 10.15 against 10 @ 10.00 received: +1.50 % within 2 %: no hold, posts normally.
        var within = await buyer.PostAsync("/api/v1/accounting/invoices", Bill(first, 10, 10.15m), HttpStatusCode.Created);
        Assert.Equal("matched", Assert.Single((await buyer.GetAsync($"/api/v1/purchasing/bill-matches?bill={within.Id()}")).EnumerateArray()).GetProperty("status").GetString());
        var posted = await buyer.PostAsync($"/api/v1/accounting/invoices/{within.Id()}/post", null, HttpStatusCode.OK);
        Assert.Equal("posted", posted.GetProperty("status").GetString());
        Assert.Equal(10m, (await buyer.OrderByIdAsync(first.Id())).Line(1).GetProperty("billed").GetDecimal());

        // 5 @ 21.00 against 5 @ 20.00 ordered and 4 received: 5 > 4 and +5.00 % > 2 %: on hold with both reasons.
        var held = await buyer.PostAsync("/api/v1/accounting/invoices", Bill(second, 5, 21m), HttpStatusCode.Created);
        var exception = Assert.Single((await buyer.GetAsync("/api/v1/purchasing/bill-matches?status=on_hold")).EnumerateArray());
        Assert.Equal(held.Id(), exception.GetProperty("billId").GetGuid());
        var number = second.GetProperty("number").GetString();
        Assert.Equal($"bill line 1 ({number} line 1): billed 5, received 4; bill line 1 ({number} line 1): price 21.00 is 5.00% above the ordered 20.00 (tolerance 2%)",
            exception.GetProperty("reason").GetString());
        Assert.Equal(105m, Amount(exception.GetProperty("amount")));
        var before = await buyer.StateAsync();
        var refused = await buyer.Http.PostAsync($"/api/v1/accounting/invoices/{held.Id()}/post", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("bill_on_hold", await PurchasingClient.CodeOf(refused));
        Assert.Equal(before, await buyer.StateAsync());

        // A purchasing user releases it with a note (audited); then it posts as it is.
        var noNote = await buyer.Http.PostAsJsonAsync($"/api/v1/purchasing/bill-matches/{exception.Id()}/release", new { note = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        var released = await buyer.PostAsync($"/api/v1/purchasing/bill-matches/{exception.Id()}/release", new { note = "Price rise agreed; last unit follows" }, HttpStatusCode.OK);
        Assert.Equal("released", released.GetProperty("status").GetString());
        var audit = await buyer.GetAsync($"/api/v1/audit/BillMatch/{exception.Id()}");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("changes").TryGetProperty("releaseNote", out var note)
            && note.GetProperty("after").GetString() == "Price rise agreed; last unit follows");
        await buyer.PostAsync($"/api/v1/accounting/invoices/{held.Id()}/post", null, HttpStatusCode.OK);
        Assert.Empty((await buyer.GetAsync("/api/v1/purchasing/bill-matches?status=on_hold")).EnumerateArray());
        Assert.Equal(5m, (await buyer.OrderByIdAsync(second.Id())).Line(1).GetProperty("billed").GetDecimal());

        // GRNI: received 100.00 + 80.00 = 180.00 credited; billed 101.50 + 105.00 = 206.50 debited: 26.50 debit left.
        Assert.Equal(26.50m, await buyer.AccountBalanceAsync("2200"));
        await buyer.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_return_to_the_supplier_takes_the_stock_out_at_its_value_and_lowers_what_was_received()
    {
        var buyer = await PurchasingClient.NewCompanyAsync(server);
        var tube = await buyer.ProductAsync("TUBE-6", tracking: "lot");
        await buyer.SettingsAsync(threshold: 0m);
        var order = await buyer.OrderAsync((tube, 10, 5m));
        var response = await buyer.ReceiveAsync(order, new { orderLineId = order.Line(1).Id(), quantity = 10, lots = new[] { new { lot = "L-9" } } });
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var receiptLine = receipt.GetProperty("lines")[0].Id();

        var returned = await buyer.PostAsync($"/api/v1/purchasing/receipts/{receipt.Id()}/returns",
            new { date = PurchasingClient.Date, note = "Damaged valves", lines = new[] { new { receiptLineId = receiptLine, quantity = 4, lots = new[] { new { lot = "L-9", quantity = 4 } } } } },
            HttpStatusCode.Created);
        Assert.True(returned.GetProperty("isReturn").GetBoolean());
        Assert.Equal("RT2025-00001", returned.GetProperty("number").GetString());

        // Received 10 − 4 = 6; 4 on backorder again. Stock 6 × 5.00 = 30.00; GRNI credit 50.00 − 20.00 = 30.00.
        var after = await buyer.OrderByIdAsync(order.Id());
        Assert.Equal(("partially_received", 6m, 4m), (after.GetProperty("status").GetString(), after.Line(1).GetProperty("received").GetDecimal(), after.Line(1).GetProperty("backorder").GetDecimal()));
        Assert.Equal(30m, Amount((await buyer.GetAsync("/api/v1/inventory/reports/valuation")).GetProperty("totalValue")));
        Assert.Equal(30m, await buyer.AccountBalanceAsync("1200"));
        Assert.Equal(-30m, await buyer.AccountBalanceAsync("2200"));
        var move = (await buyer.GetAsync($"/api/v1/inventory/moves?source=purchase_return&sourceId={returned.Id()}")).GetProperty("items")[0];
        Assert.Equal("return", move.GetProperty("kind").GetString());

        // Only 6 of the receipt are left to send back.
        var before = await buyer.StateAsync();
        var tooMany = await buyer.Http.PostAsJsonAsync($"/api/v1/purchasing/receipts/{receipt.Id()}/returns",
            new { date = PurchasingClient.Date, lines = new[] { new { receiptLineId = receiptLine, quantity = 7, lots = new[] { new { lot = "L-9", quantity = 7 } } } } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Equal("return_exceeds_received", await PurchasingClient.CodeOf(tooMany));
        Assert.Equal(before, await buyer.StateAsync());
        await buyer.AssertConsistentAsync();
    }

    [Fact]
    public async Task Requisitions_and_proposals_pick_the_supplier_with_the_best_valid_price()
    {
        var buyer = await PurchasingClient.NewCompanyAsync(server);
        var tube = await buyer.ProductAsync("TUBE-7", leadTimeDays: 12);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task Price(Guid supplier, decimal min, decimal price, DateOnly? to = null) =>
            await buyer.PostAsync("/api/v1/purchasing/prices", new { supplierId = supplier, productId = tube, minQuantity = min, unitPrice = PurchasingClient.Eur(price), validTo = to }, HttpStatusCode.Created);
        await Price(buyer.SupplierId, 1, 2.10m);
        await Price(buyer.SupplierId, 100, 1.95m);
        await Price(buyer.OtherSupplierId, 1, 1.80m, today.AddDays(-1));
        await Price(buyer.OtherSupplierId, 50, 2.00m);

        // 60: the other supplier's 1.80 has expired; its 2.00 from 50 beats 2.10.
        var drafts = await buyer.PostAsync("/api/v1/purchasing/requisitions", new { lines = new[] { new { productId = tube, warehouseId = buyer.WarehouseId, quantity = 60 } } }, HttpStatusCode.Created);
        var draft = Assert.Single(drafts.EnumerateArray());
        Assert.Equal(("draft", buyer.OtherSupplierId), (draft.GetProperty("status").GetString(), draft.GetProperty("supplierId").GetGuid()));
        Assert.Equal(2.00m, Amount(draft.Line(1).GetProperty("unitPrice")));
        Assert.Equal(120m, Amount(draft.GetProperty("total")));
        // The expected date is the order date plus the product's lead time, kept by Inventory.
        Assert.Equal(today.AddDays(12).ToString("yyyy-MM-dd"), draft.GetProperty("expectedDate").GetString());

        // A reorder rule 150/300 with nothing in stock proposes 300: a draft is only a request for quotation and not counted.
        // 300 ≥ 100: the volume price 1.95 wins.
        Assert.Equal(HttpStatusCode.OK, (await buyer.Http.PutAsJsonAsync("/api/v1/inventory/reorder-rules", new { productId = tube, warehouseId = buyer.WarehouseId, min = 150, max = 300 }, Ct)).StatusCode);
        var proposal = Assert.Single((await buyer.GetAsync("/api/v1/purchasing/proposals")).EnumerateArray());
        Assert.Equal((0m, 300m, buyer.SupplierId, 1.95m), (proposal.GetProperty("forecast").GetDecimal(), proposal.GetProperty("quantity").GetDecimal(),
            proposal.GetProperty("supplierId").GetGuid(), Amount(proposal.GetProperty("unitPrice"))));
        Assert.Equal(today.AddDays(12).ToString("yyyy-MM-dd"), proposal.GetProperty("expectedDate").GetString());

        // Once confirmed (120.00, under the default threshold 5,000: approved) the 60 on order count: forecast 60, propose 300 − 60 = 240.
        var confirmed = await buyer.PostAsync($"/api/v1/purchasing/orders/{draft.Id()}/confirm", null, HttpStatusCode.OK);
        Assert.Equal("approved", confirmed.GetProperty("status").GetString());
        proposal = Assert.Single((await buyer.GetAsync("/api/v1/purchasing/proposals")).EnumerateArray());
        Assert.Equal((60m, 240m), (proposal.GetProperty("forecast").GetDecimal(), proposal.GetProperty("quantity").GetDecimal()));
        // Available to promise sees the order's 60 on its expected date, after the lead time.
        var atp = await buyer.GetAsync($"/api/v1/inventory/atp?product={tube}&quantity=50&warehouse={buyer.WarehouseId}");
        Assert.Equal(("scheduled", today.AddDays(12).ToString("yyyy-MM-dd")), (atp.GetProperty("basis").GetString(), atp.GetProperty("date").GetString()));
        Assert.Equal(confirmed.GetProperty("number").GetString(), atp.GetProperty("timeline")[1].GetProperty("reference").GetString());

        // Receiving 20 leaves 40 expected: forecast 20 on hand + 40 = 60 still.
        await buyer.ReceiveAsync(confirmed, new { orderLineId = confirmed.Line(1).Id(), quantity = 20 });
        proposal = Assert.Single((await buyer.GetAsync("/api/v1/purchasing/proposals")).EnumerateArray());
        Assert.Equal(60m, proposal.GetProperty("forecast").GetDecimal());
        await buyer.AssertConsistentAsync();
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_stable_code_and_writes_nothing()
    {
        var buyer = await PurchasingClient.NewCompanyAsync(server);
        var tube = await buyer.ProductAsync("TUBE-8", tracking: "lot");
        var serial = await buyer.ProductAsync("BIKE-8", tracking: "serial");
        await buyer.SettingsAsync(threshold: 0m);
        var order = await buyer.OrderAsync((tube, 10, 2m), (serial, 2, 500m));
        var draft = await buyer.DraftAsync((tube, 1, 2m));
        var before = await buyer.StateAsync();

        async Task Refused(Task<HttpResponseMessage> call, HttpStatusCode status, string code)
        {
            var response = await call;
            Assert.True(response.StatusCode == status, $"{code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            Assert.Equal(code, await PurchasingClient.CodeOf(response));
            Assert.Equal(before, await buyer.StateAsync());
        }
        Task<HttpResponseMessage> Create(object body) => buyer.Http.PostAsJsonAsync("/api/v1/purchasing/orders", body, Ct);
        var line = new[] { new { productId = tube, quantity = 1m, unitPrice = PurchasingClient.Eur(1m) } };

        await Refused(Create(new { supplierId = Guid.NewGuid(), warehouseId = buyer.WarehouseId, lines = line }), HttpStatusCode.NotFound, "supplier_unknown");
        await Refused(Create(new { supplierId = buyer.SupplierId, warehouseId = Guid.NewGuid(), lines = line }), HttpStatusCode.NotFound, "not_found");
        await Refused(Create(new { supplierId = buyer.SupplierId, warehouseId = buyer.WarehouseId, lines = Array.Empty<object>() }), HttpStatusCode.BadRequest, "validation_failed");
        await Refused(Create(new { supplierId = buyer.SupplierId, warehouseId = buyer.WarehouseId, lines = new[] { new { productId = tube, quantity = -1m } } }), HttpStatusCode.BadRequest, "validation_failed");
        await Refused(Create(new { supplierId = buyer.SupplierId, warehouseId = buyer.WarehouseId, lines = new[] { new { productId = tube, quantity = 1m } } }), HttpStatusCode.UnprocessableEntity, "price_missing");
        await Refused(Create(new { supplierId = buyer.SupplierId, warehouseId = buyer.WarehouseId, currency = "USD", lines = line }), HttpStatusCode.UnprocessableEntity, "currency_mismatch");
        await Refused(buyer.ReceiveAsync(order, new { orderLineId = order.Line(1).Id(), quantity = 1 }), HttpStatusCode.UnprocessableEntity, "lot_required");
        await Refused(buyer.ReceiveAsync(order, new { orderLineId = order.Line(2).Id(), quantity = 2, lots = new[] { new { serial = "S-1" }, new { serial = "S-1" } } }), HttpStatusCode.Conflict, "serial_duplicate");
        await Refused(buyer.ReceiveAsync(order, new { orderLineId = order.Line(1).Id(), quantity = 0 }), HttpStatusCode.BadRequest, "validation_failed");
        await Refused(buyer.ReceiveAsync(order, new { orderLineId = Guid.NewGuid(), quantity = 1 }), HttpStatusCode.NotFound, "not_found");
        await Refused(buyer.ReceiveAsync(draft, new { orderLineId = draft.Line(1).Id(), quantity = 1 }), HttpStatusCode.Conflict, "order_not_approved");
        await Refused(buyer.Http.PostAsJsonAsync($"/api/v1/purchasing/orders/{Guid.NewGuid()}/receipts", new { lines = new[] { new { orderLineId = Guid.NewGuid(), quantity = 1 } } }, Ct), HttpStatusCode.NotFound, "not_found");
        await Refused(buyer.Http.PutAsJsonAsync($"/api/v1/purchasing/orders/{draft.Id()}", new { supplierId = buyer.SupplierId, warehouseId = buyer.WarehouseId, lines = line }, Ct),
            HttpStatusCode.PreconditionRequired, "if_match_required");
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/purchasing/orders/{draft.Id()}") { Content = JsonContent.Create(new { supplierId = buyer.SupplierId, warehouseId = buyer.WarehouseId, lines = line }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"99\"");
        await Refused(buyer.Http.SendAsync(stale, Ct), HttpStatusCode.PreconditionFailed, "version_mismatch");
        await Refused(buyer.Http.PostAsJsonAsync("/api/v1/purchasing/bill-matches/" + Guid.NewGuid() + "/release", new { note = "x" }, Ct), HttpStatusCode.NotFound, "not_found");
        var grni = await buyer.AccountIdAsync("2200");
        await Refused(buyer.Http.PostAsJsonAsync("/api/v1/accounting/invoices", new
        {
            kind = "vendorBill", partyId = buyer.SupplierId, date = PurchasingClient.Date, currency = "EUR",
            lines = new[] { new { description = "x", quantity = 1, unitPrice = 1, accountId = grni, purchaseOrderLineId = Guid.NewGuid() } },
        }, Ct), HttpStatusCode.UnprocessableEntity, "purchase_order_line_unknown");

        // A change with the current version goes through.
        var current = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/purchasing/orders/{draft.Id()}") { Content = JsonContent.Create(new { supplierId = buyer.SupplierId, warehouseId = buyer.WarehouseId, lines = line }) };
        current.Headers.TryAddWithoutValidation("If-Match", $"\"{draft.GetProperty("version").GetInt64()}\"");
        Assert.Equal(HttpStatusCode.OK, (await buyer.Http.SendAsync(current, Ct)).StatusCode);
        await buyer.AssertConsistentAsync();
    }
}

public sealed class PurchasingApiTestsOnSqlite(SqliteServer server) : PurchasingApiTests(server), IClassFixture<SqliteServer>;

public sealed class PurchasingApiTestsOnPostgres(PostgresServer server) : PurchasingApiTests(server), IClassFixture<PostgresServer>;
