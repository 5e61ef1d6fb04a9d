using Tandem.Inventory.Contracts;
using Tandem.Inventory.Domain;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Tests.Domain;

public sealed class BackorderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static StockMove Delivery(decimal quantity, decimal entered, string unit) =>
        StockMove.Plan("SM000001", new MovePlan(MoveKind.Delivery, Guid.NewGuid(), quantity, entered, unit, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            new DateOnly(2025, 3, 10), Guid.NewGuid(), "SO-1", new SourceDocument("sales_order", Guid.NewGuid(), Guid.NewGuid()), null), Now);

    [Fact]
    public void A_split_keeps_the_reservation_the_done_part_needs_and_hands_the_rest_to_the_backorder()
    {
        // 10 ordered, 6 reserved; 4 shipped: the part keeps 4 of the 6, the backorder takes 10 − 4 = 6 with 6 − 4 = 2 reserved.
        var move = Delivery(10m, 10m, "pc");
        move.Reserve(6m);
        var backorder = move.SplitOff(4m, "SM000002", Now);
        Assert.Equal((4m, 4m, MoveStatus.Reserved), (move.Quantity, move.ReservedQuantity, move.Status));
        Assert.Equal((6m, 2m, MoveStatus.Reserved), (backorder.Quantity, backorder.ReservedQuantity, backorder.Status));
        Assert.Equal((move.SourceId, move.SourceLineId, move.PartyId, move.FromLocationId), (backorder.SourceId, backorder.SourceLineId, backorder.PartyId, backorder.FromLocationId));
    }

    [Fact]
    public void A_split_of_a_short_reservation_leaves_the_backorder_a_draft_and_the_entered_quantity_in_proportion()
    {
        // 24 pc entered as 2 box12, 5 reserved; 18 shipped: the part keeps all 5, the backorder 6 pc = 0.5 box12 with none reserved.
        var move = Delivery(24m, 2m, "box12");
        move.Reserve(5m);
        var backorder = move.SplitOff(18m, "SM000002", Now);
        Assert.Equal((18m, 5m, 1.5m), (move.Quantity, move.ReservedQuantity, move.EnteredQuantity));
        Assert.Equal((6m, 0m, MoveStatus.Draft, 0.5m, "box12"), (backorder.Quantity, backorder.ReservedQuantity, backorder.Status, backorder.EnteredQuantity, backorder.EnteredUnit));
    }

    [Fact]
    public void Nothing_reserved_leaves_a_draft_and_a_split_must_leave_something_on_both_sides()
    {
        var move = Delivery(3m, 3m, "pc");
        move.Reserve(0m);
        Assert.Equal(MoveStatus.Draft, move.Status);
        Assert.Equal("validation_failed", Assert.Throws<BusinessRuleException>(() => move.SplitOff(3m, "SM000002", Now)).Error.Code);
        Assert.Equal("validation_failed", Assert.Throws<BusinessRuleException>(() => move.SplitOff(0m, "SM000002", Now)).Error.Code);
        Assert.Equal("validation_failed", Assert.Throws<BusinessRuleException>(() => move.Reserve(4m)).Error.Code);
    }
}
