using Tandem.Purchasing.Domain;
using Tandem.SharedKernel;

namespace Tandem.Purchasing.Tests.Domain;

public sealed class PurchaseOrderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static PurchaseOrder Order(params (decimal Quantity, decimal Price)[] lines) =>
        PurchaseOrder.Draft(new OrderHeader(Guid.NewGuid(), Guid.NewGuid(), CurrencyCode.Eur, new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 20), null),
            lines.Select(l => new OrderLineDraft(Guid.NewGuid(), "item", l.Quantity, l.Price)).ToList(), Now);

    private static string CodeOf(Action action) => Assert.Throws<BusinessRuleException>(action).Error.Code;

    [Fact]
    public void Total_is_the_sum_of_the_lines_rounded_to_cents()
    {
        // 3 × 3.3333 = 9.9999 → 10.00; 2 × 1.005 = 2.01 → 2.01: total 12.01.
        var order = Order((3m, 3.3333m), (2m, 1.005m));
        Assert.Equal([10.00m, 2.01m], order.Lines.Select(l => l.Amount));
        Assert.Equal(12.01m, order.Total);
    }

    [Fact]
    public void Below_the_threshold_confirming_approves_at_once_and_from_it_an_approver_must()
    {
        // 10 × 49.99 = 499.90 < 500: approved at confirmation.
        var small = Order((10m, 49.99m));
        small.Confirm("PO2025-00001", 500m, "ann", Now);
        Assert.Equal(OrderStatus.Approved, small.Status);
        Assert.Equal("ann", small.ApprovedBy);

        // 10 × 50.00 = 500.00 ≥ 500: waits for an approver; receiving before that is refused.
        var large = Order((10m, 50m));
        large.Confirm("PO2025-00002", 500m, "ann", Now);
        Assert.Equal(OrderStatus.ToApprove, large.Status);
        Assert.Equal("order_not_approved", CodeOf(large.EnsureReceivable));
        large.ApproveAsApprover("bob", Now);
        Assert.Equal(OrderStatus.Approved, large.Status);
        Assert.Equal("order_not_to_approve", CodeOf(() => large.ApproveAsApprover("bob", Now)));

        // A threshold of zero means no approval at all.
        Assert.False(PurchaseOrder.NeedsApproval(1_000_000m, 0m));
    }

    [Fact]
    public void Receiving_moves_the_order_to_partially_received_then_received_and_closing_ends_it()
    {
        var order = Order((10m, 1m), (5m, 2m));
        order.Confirm("PO2025-00003", 0m, "ann", Now);
        var (first, second) = (order.Lines[0].Id, order.Lines[1].Id);
        order.Receive(first, 4m, 0m);
        Assert.Equal(OrderStatus.PartiallyReceived, order.Status);
        // Backorder: 10 − 4 = 6 and 5 − 0 = 5.
        Assert.Equal([6m, 5m], order.Lines.Select(l => l.Backorder));
        order.Receive(first, 6m, 0m);
        order.Receive(second, 5m, 0m);
        Assert.Equal(OrderStatus.Received, order.Status);
        Assert.Equal([0m, 0m], order.Lines.Select(l => l.Backorder));

        // A return lowers what was received: 5 − 2 = 3, backorder 2.
        order.Receive(second, -2m, 0m);
        Assert.Equal(OrderStatus.PartiallyReceived, order.Status);
        Assert.Equal(2m, order.Lines[1].Backorder);

        order.Close();
        Assert.Equal(OrderStatus.Closed, order.Status);
        Assert.Equal("order_closed", CodeOf(order.EnsureReceivable));
        Assert.Equal("order_closed", CodeOf(order.Cancel));
    }

    [Fact]
    public void An_order_with_receipts_cannot_be_cancelled_and_a_draft_cannot_be_received_or_closed()
    {
        var order = Order((10m, 1m));
        Assert.Equal("order_not_approved", CodeOf(order.EnsureReceivable));
        Assert.Equal("order_not_approved", CodeOf(order.Close));
        order.Confirm("PO2025-00004", 0m, "ann", Now);
        Assert.Equal("order_not_draft", CodeOf(() => order.Confirm("PO2025-00005", 0m, "ann", Now)));
        order.Receive(order.Lines[0].Id, 1m, 0m);
        Assert.Equal("order_has_receipts", CodeOf(order.Cancel));
        Assert.Equal("order_has_no_lines", CodeOf(() => Order().Confirm("PO2025-00006", 0m, "ann", Now)));
    }

    [Fact]
    public void Over_receipt_is_allowed_up_to_the_tolerance_and_refused_beyond()
    {
        // Ordered 10 with 10 % tolerance: at most 10 × 1.10 = 11.
        var order = Order((10m, 1m));
        order.Confirm("PO2025-00007", 0m, "ann", Now);
        var line = order.Lines[0].Id;
        order.Receive(line, 11m, 10m);
        Assert.Equal(OrderStatus.Received, order.Status);
        Assert.Equal(0m, order.Lines[0].Backorder);
        Assert.Equal("over_receipt", CodeOf(() => order.Receive(line, 0.0001m, 10m)));
        Assert.Equal(11m, order.Lines[0].Received);
    }

    [Fact]
    public void A_return_cannot_take_back_more_than_was_received()
    {
        var order = Order((10m, 1m));
        order.Confirm("PO2025-00008", 0m, "ann", Now);
        order.Receive(order.Lines[0].Id, 3m, 0m);
        Assert.Equal("return_exceeds_received", CodeOf(() => order.Receive(order.Lines[0].Id, -4m, 0m)));
    }
}
