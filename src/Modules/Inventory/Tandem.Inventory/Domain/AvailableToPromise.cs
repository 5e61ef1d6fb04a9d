using Tandem.Inventory.Contracts;

namespace Tandem.Inventory.Domain;

/// <summary>The stock projection behind a promise date: what is available now, then each open receipt and issue in date order.</summary>
internal static class AvailableToPromise
{
    /// <summary>
    /// The running availability from today (events already due count today), and the earliest date from which it never
    /// drops below <paramref name="quantity"/>, or null when it never reaches it.
    /// </summary>
    public static (IReadOnlyList<AtpStep> Timeline, DateOnly? Date) Project(
        DateOnly today, decimal available, IReadOnlyList<(DateOnly Date, decimal Change, string Reference)> events, decimal quantity)
    {
        var timeline = new List<AtpStep>(events.Count + 1) { new(today, "on_hand", available, available, null) };
        var running = available;
        foreach (var e in events.OrderBy(e => e.Date).ThenBy(e => e.Change))
        {
            running += e.Change;
            timeline.Add(new AtpStep(e.Date < today ? today : e.Date, e.Change > 0 ? "receipt" : "issue", e.Change, running, e.Reference));
        }
        // The earliest point from which the running quantity never drops below what is asked.
        DateOnly? date = null;
        var suffixMin = decimal.MaxValue;
        for (var i = timeline.Count - 1; i >= 0; i--)
        {
            suffixMin = Math.Min(suffixMin, timeline[i].Available);
            if (suffixMin >= quantity)
                date = timeline[i].Date;
        }
        return (timeline, date);
    }
}
