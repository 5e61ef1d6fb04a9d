using Tandem.Inventory.Domain;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Tests.Domain;

public sealed class CostingTests
{
    [Fact]
    public void Fifo_takes_the_oldest_layers_first()
    {
        // Receipts 10 @ 5.00 (50.00) and 10 @ 7.00 (70.00); deliver 15: 10 × 5.00 + 5 × 7.00 = 50.00 + 35.00 = 85.00.
        var takes = Costing.TakeFifo([(10m, 50m), (10m, 70m)], 15m);
        Assert.Equal([new LayerTake(0, 10m, 50m), new LayerTake(1, 5m, 35m)], takes);
        Assert.Equal(85m, takes.Sum(t => t.Value));
        // Left: 5 of the second layer, 70.00 − 35.00 = 35.00 = 5 × 7.00.
        Assert.Equal(35m, 70m - takes[1].Value);
    }

    [Fact]
    public void Fifo_rounds_a_part_of_a_layer_to_cents_and_the_last_unit_takes_what_is_left()
    {
        // 3 @ 3.3333 came in as 10.00 (rounded); 1 out = 10.00 / 3 = 3.33; 1 more = 6.67 / 2 = 3.335 → 3.34;
        // the last = 10.00 − 3.33 − 3.34 = 3.33.
        Assert.Equal(10m, Costing.Incoming(3m, 3.3333m));
        Assert.Equal(3.33m, Costing.TakeFifo([(3m, 10m)], 1m).Single().Value);
        Assert.Equal(3.34m, Costing.TakeFifo([(2m, 6.67m)], 1m).Single().Value);
        Assert.Equal(3.33m, Costing.TakeFifo([(1m, 3.33m)], 1m).Single().Value);
    }

    [Fact]
    public void Fifo_beyond_the_layers_is_insufficient_stock()
    {
        var refused = Assert.Throws<BusinessRuleException>(() => Costing.TakeFifo([(2m, 10m)], 3m));
        Assert.Equal("insufficient_stock", refused.Error.Code);
    }

    [Fact]
    public void Moving_average_takes_the_average_and_the_last_unit_takes_what_is_left()
    {
        // 10 @ 5.00 + 10 @ 7.00 = 20 worth 120.00, average 6.00; 15 out = 90.00; 5 left worth 30.00.
        Assert.Equal(90m, Costing.TakeAverage(20m, 120m, 15m));
        Assert.Equal(30m, Costing.TakeAverage(5m, 30m, 5m));
        // 3 worth 10.00: one out = 3.33, then 2 worth 6.67: the last two take 6.67.
        Assert.Equal(3.33m, Costing.TakeAverage(3m, 10m, 1m));
        Assert.Equal(6.67m, Costing.TakeAverage(2m, 6.67m, 2m));
        Assert.Equal(6m, Costing.GainUnitCost(20m, 120m, null));
        Assert.Equal(4.5m, Costing.GainUnitCost(0m, 0m, 4.5m));
    }

    [Fact]
    public void Reorder_rule_proposes_up_to_the_maximum_below_the_minimum()
    {
        var rule = ReorderRule.For(Guid.NewGuid(), Guid.NewGuid());
        rule.Change(12m, 30m);
        Assert.Equal(21m, rule.Proposal(9m));
        Assert.Equal(0m, rule.Proposal(12m));
        Assert.NotNull(ReorderRule.Validate(5m, 4m));
    }
}

public sealed class StockMoveRulesTests
{
    private static StockMove Move() => StockMove.Plan("SM000001", new MovePlan(
        MoveKind.Delivery, Guid.NewGuid(), 5m, 5m, "pc", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2025, 3, 1), null, null, null, null),
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_done_move_never_changes_again()
    {
        var move = Move();
        move.Reserve();
        Assert.Equal(5m, move.ReservedQuantity);
        var released = move.Complete([StockMoveLine.Of(move.Id, null, 5m)], -20m, new DateOnly(2025, 3, 2), DateTimeOffset.UnixEpoch);
        Assert.Equal(5m, released);
        Assert.Equal(MoveStatus.Done, move.Status);
        Assert.Equal("move_done", Assert.Throws<BusinessRuleException>(() => move.Cancel()).Error.Code);
        Assert.Equal("move_done", Assert.Throws<BusinessRuleException>(move.Reserve).Error.Code);
    }

    [Fact]
    public void Lines_must_add_up_to_the_quantity_and_a_move_reserves_once()
    {
        var move = Move();
        Assert.Equal("validation_failed", Assert.Throws<BusinessRuleException>(() =>
            move.Complete([StockMoveLine.Of(move.Id, null, 4m)], 0m, new DateOnly(2025, 3, 2), DateTimeOffset.UnixEpoch)).Error.Code);
        move.Reserve();
        Assert.Equal("move_reserved", Assert.Throws<BusinessRuleException>(move.Reserve).Error.Code);
        Assert.Equal(5m, move.Cancel());
        Assert.Equal("move_cancelled", Assert.Throws<BusinessRuleException>(move.Reserve).Error.Code);
    }

    [Fact]
    public void A_count_posts_only_when_every_line_is_counted()
    {
        var product = Guid.NewGuid();
        var sheet = CountSheet.Open("CNT00001", Guid.NewGuid(), [(product, null, 10m)], DateTimeOffset.UnixEpoch);
        Assert.Equal("count_incomplete", Assert.Throws<BusinessRuleException>(() => sheet.MarkPosted(DateTimeOffset.UnixEpoch)).Error.Code);
        sheet.Enter(product, null, 8m);
        var other = Guid.NewGuid();
        sheet.Enter(other, null, 1m);
        Assert.Equal([-2m, 1m], sheet.Variances().Select(v => v.Variance));
        sheet.MarkPosted(DateTimeOffset.UnixEpoch);
        Assert.Equal("count_posted", Assert.Throws<BusinessRuleException>(() => sheet.Enter(product, null, 9m)).Error.Code);
    }
}
