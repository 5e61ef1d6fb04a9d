using Tandem.Inventory.Domain;

namespace Tandem.Inventory.Tests.Domain;

public sealed class AvailableToPromiseTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void The_promise_is_the_first_date_from_which_availability_never_drops_below_the_quantity()
    {
        // On hand 10. Dec 3: issue 8 -> 2. Dec 5: receipt 20 -> 22. Dec 9: issue 5 -> 17.
        // For 15: from Dec 5 the running figure (22, then 17) never drops below 15; before it, 10 and 2 are short.
        (DateOnly, decimal, string)[] events = [(Today.AddDays(8), -5m, "OUT/2"), (Today.AddDays(2), -8m, "OUT/1"), (Today.AddDays(4), 20m, "IN/1")];
        var (timeline, date) = AvailableToPromise.Project(Today, 10m, events, 15m);

        Assert.Equal(Today.AddDays(4), date);
        Assert.Equal([10m, 2m, 22m, 17m], timeline.Select(s => s.Available).ToArray());
        Assert.Equal(["on_hand", "issue", "receipt", "issue"], timeline.Select(s => s.Kind).ToArray());
        // Asking for 18 never fits after the last issue (17): no date.
        Assert.Null(AvailableToPromise.Project(Today, 10m, events, 18m).Date);
        // An overdue receipt counts today.
        Assert.Equal(Today, AvailableToPromise.Project(Today, 0m, [(Today.AddDays(-3), 5m, "IN/0")], 5m).Date);
    }
}
