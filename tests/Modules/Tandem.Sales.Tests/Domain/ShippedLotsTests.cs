using Tandem.Inventory.Contracts;
using Tandem.Sales.Features.Orders;

namespace Tandem.Sales.Tests.Domain;

/// <summary>How the lots and serials of a delivery are typed on the order page and summarised on the order.</summary>
public sealed class ShippedLotsTests
{
    [Fact]
    public void Typed_serials_and_lots_with_quantities_become_lot_entries()
    {
        Assert.Null(ShippedLots.Parse(null));
        Assert.Null(ShippedLots.Parse(" , \n "));
        Assert.Equal([new LotEntry("SN-1"), new LotEntry("SN-2"), new LotEntry("SN 3")], ShippedLots.Parse("SN-1, SN-2;\nSN 3"));
        Assert.Equal([new LotEntry("L-A", Quantity: 3m), new LotEntry("L-B", Quantity: 1.5m), new LotEntry("L-C", Quantity: 2m), new LotEntry("BOX3")],
            ShippedLots.Parse("L-A × 3, L-B x 1.5, L-C:2, BOX3"));
    }

    [Fact]
    public void A_long_list_is_cut_short_on_the_order_with_how_many_more()
    {
        Assert.Equal(["SN-1", "L-A × 3"], ShippedLots.Describe([new LotEntry(Serial: "SN-1"), new LotEntry("L-A", Quantity: 3m)]));
        Assert.Null(ShippedLots.Summary([]));
        Assert.Equal("SN-1, L-A × 3", ShippedLots.Summary(["SN-1", "L-A × 3"]));
        // Serials of 20 characters, 22 with ", ": 90 take 22 × 90 − 2 = 1,978 characters; a 91st and the 14-character
        // tail " … and 59 more" would make 1,978 + 22 + 14 = 2,014 > 2,000, so 90 are kept and 60 counted.
        var serials = Enumerable.Range(1, 150).Select(n => $"FRAME-2026-{n:D9}").ToList();
        var summary = ShippedLots.Summary(serials)!;
        Assert.Equal(1_978 + 14, summary.Length);
        Assert.StartsWith("FRAME-2026-000000001, FRAME-2026-000000002", summary, StringComparison.Ordinal);
        Assert.EndsWith("FRAME-2026-000000090 … and 60 more", summary, StringComparison.Ordinal);
    }
}
