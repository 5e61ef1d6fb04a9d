using Tandem.Sales.Domain;
using Tandem.SharedKernel;

namespace Tandem.Sales.Tests.Domain;

public sealed class QuoteAndOrderTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static QuoteHeader Header(DateOnly? validUntil = null) =>
        new(Guid.NewGuid(), null, null, Guid.NewGuid(), CurrencyCode.Eur, Day, validUntil ?? Day.AddDays(30), null);

    private static PricedLine Goods(decimal quantity, decimal price, int promiseInDays = 0) =>
        new(Guid.NewGuid(), false, "Bike", quantity, "pc", price, "list_price", 0m, null, Day.AddDays(promiseInDays), "stock");

    private static PricedLine Service(decimal quantity, decimal price) =>
        new(Guid.NewGuid(), true, "Fitting", quantity, "h", price, "list_price", 0m, null, Day, "service");

    [Fact]
    public void A_quote_ships_complete_on_its_latest_promise_date_and_totals_its_lines()
    {
        var quote = Quote.Draft("Q2026-00001", Header(), [Goods(2m, 100m), Goods(1m, 50m, promiseInDays: 12)], Now);
        Assert.Equal(Day.AddDays(12), quote.ShipCompleteDate);
        Assert.Equal(250m, quote.Total);
    }

    [Fact]
    public void Revising_keeps_the_old_revision_read_only()
    {
        var quote = Quote.Draft("Q2026-00001", Header(), [Goods(2m, 100m)], Now);
        var next = quote.Revise(Header(), [Goods(3m, 100m)], Now);
        Assert.Equal((QuoteStatus.Revised, 2, quote.Id, quote.PartyId), (quote.Status, next.Revision, next.PreviousId, next.PartyId));
        Assert.Equal("quote_not_open", Assert.Throws<BusinessRuleException>(() => quote.Revise(Header(), [Goods(1m, 1m)], Now)).Error.Code);
        Assert.Equal("quote_not_open", Assert.Throws<BusinessRuleException>(() => quote.Accept(Guid.NewGuid(), Day, Now)).Error.Code);
    }

    [Fact]
    public void An_expired_or_accepted_quote_cannot_be_accepted()
    {
        var quote = Quote.Draft("Q2026-00002", Header(Day.AddDays(5)), [Goods(1m, 10m)], Now);
        Assert.Equal("quote_expired", Assert.Throws<BusinessRuleException>(() => quote.Accept(Guid.NewGuid(), Day.AddDays(6), Now)).Error.Code);
        quote.Accept(Guid.NewGuid(), Day.AddDays(5), Now);
        Assert.Equal("quote_already_accepted", Assert.Throws<BusinessRuleException>(() => quote.Accept(Guid.NewGuid(), Day, Now)).Error.Code);
        Assert.Equal("expired", Quote.Describe(QuoteStatus.Open, Day, Day.AddDays(1)));
    }

    [Fact]
    public void An_order_follows_its_deliveries_and_invoices_and_services_invoice_on_ordered_quantities()
    {
        var quote = Quote.Draft("Q2026-00003", Header(), [Goods(10m, 20m), Service(2m, 50m)], Now);
        var order = SalesOrder.FromQuote(quote, "SO2026-00001", Day, Now);
        var (bike, fitting) = (order.Lines[0], order.Lines[1]);
        Assert.Equal("order_not_confirmed", Assert.Throws<BusinessRuleException>(() => order.Deliver(bike.Id, 1m)).Error.Code);
        order.Confirm(Now);
        Assert.Equal("order_already_confirmed", Assert.Throws<BusinessRuleException>(() => order.Confirm(Now)).Error.Code);

        // The service is invoiceable at once; goods only once delivered.
        order.Invoice(fitting.Id, 2m);
        Assert.Equal("invoice_exceeds_delivered", Assert.Throws<BusinessRuleException>(() => order.Invoice(bike.Id, 1m)).Error.Code);
        order.Deliver(bike.Id, 4m);
        Assert.Equal((SalesOrderStatus.PartiallyDelivered, 6m), (order.Status, bike.Backorder));
        Assert.Equal("quantity_exceeds_order", Assert.Throws<BusinessRuleException>(() => order.Deliver(bike.Id, 7m)).Error.Code);
        order.Invoice(bike.Id, 4m);
        Assert.Equal("invoice_exceeds_delivered", Assert.Throws<BusinessRuleException>(() => order.Invoice(bike.Id, 1m)).Error.Code);
        order.Deliver(bike.Id, 6m);
        Assert.Equal(SalesOrderStatus.Delivered, order.Status);
        order.Invoice(bike.Id, 6m);
        order.AddInvoicedAmount(300m);
        Assert.Equal(SalesOrderStatus.Invoiced, order.Status);
        Assert.Equal("order_has_deliveries", Assert.Throws<BusinessRuleException>(order.Cancel).Error.Code);
        order.MarkPaid();
        order.Close();
        Assert.Equal(SalesOrderStatus.Closed, order.Status);
    }

    [Fact]
    public void A_return_takes_back_no_more_than_was_delivered_at_the_cost_it_left_at()
    {
        var quote = Quote.Draft("Q2026-00004", Header(), [Goods(5m, 20m)], Now);
        var order = SalesOrder.FromQuote(quote, "SO2026-00002", Day, Now);
        order.Confirm(Now);
        var line = order.Lines[0];
        order.Deliver(line.Id, 3m);
        line.AddCost(31.50m);
        // 31.50 / 3 = 10.50 a piece.
        var ra = ReturnAuthorisation.Authorise("RMA2026-00001", order, "Damaged", Day, [(line.Id, 2m)], Now);
        Assert.Equal(10.50m, ra.Lines[0].UnitCost);
        Assert.Equal("return_exceeds_delivered", Assert.Throws<BusinessRuleException>(() =>
            ReturnAuthorisation.Authorise("RMA2026-00002", order, "Again", Day, [(line.Id, 2m)], Now)).Error.Code);
        Assert.Equal("return_not_received", Assert.Throws<BusinessRuleException>(() => ra.MarkCredited(Guid.NewGuid(), "CN1")).Error.Code);
    }
}
