using System.Collections;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Consistency;
using Tandem.Platform.Identity;

namespace Tandem.Platform.Numbering;

/// <summary>
/// Proves every document number sequence gap-free and unique: for each company, sequence and fiscal year, the numbers
/// the documents carry are exactly 1 to the last number handed out, each once. A number in no known format, one past
/// the counter, a repeat, a number the counter never handed out and a number handed out that no document carries are
/// each a violation. One bit per number handed out is all it keeps in memory.
/// </summary>
public sealed class NumberingCheck(PlatformDb db, IEnumerable<INumberedDocuments> sources) : IConsistencyCheck
{
    /// <summary>Enough examples of one kind of break to find them; the count says how many there are.</summary>
    private const int Examples = 5;

    public string Name => "numbering";

    public async Task<IReadOnlyList<ConsistencyViolation>> RunAsync(CancellationToken ct)
    {
        var violations = new List<ConsistencyViolation>();
        var counters = await db.Set<NumberSequence>().IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        var issued = counters.ToDictionary(c => (c.CompanyId, c.Sequence, c.FiscalYear), c => new Issued(c.NextValue - 1));
        var known = sources.SelectMany(s => s.Formats).Select(f => f.Sequence).ToHashSet(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            await foreach (var document in source.NumbersAsync(ct).WithCancellation(ct))
            {
                if (document.Format.Read(document.Number) is not var (year, value))
                {
                    violations.Add(new(Name, document.CompanyId, "number_unreadable", $"{document.Number} is not a {document.Format.Sequence} number ({document.Format.Prefix}…)"));
                    continue;
                }
                if (!issued.TryGetValue((document.CompanyId, document.Format.Sequence, year), out var sequence) || value < 1 || value > sequence.Last)
                {
                    violations.Add(new(Name, document.CompanyId, "number_not_issued",
                        $"{document.Number}: the {document.Format.Sequence} sequence of {year} handed out {sequence?.Last ?? 0} number(s)"));
                    continue;
                }
                if (sequence.Seen[(int)(value - 1)])
                    sequence.Repeats.Add(document.Number);
                sequence.Seen[(int)(value - 1)] = true;
            }
        }

        foreach (var ((company, name, year), sequence) in issued.Where(i => known.Contains(i.Key.Sequence)))
        {
            if (sequence.Repeats.Count > 0)
                violations.Add(new(Name, company, "number_repeated", $"{name} {year}: {Describe(sequence.Repeats, sequence.Repeats.Count)}"));
            var missing = Enumerable.Range(1, sequence.Seen.Length).Where(n => !sequence.Seen[n - 1]);
            if (missing.Any())
            {
                violations.Add(new(Name, company, "number_gap",
                    $"{name} {year}: no document carries number {Describe(missing.Take(Examples + 1).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList(), missing.Count())} of the {sequence.Last} handed out"));
            }
        }
        return violations;
    }

    private static string Describe(List<string> examples, int count) =>
        string.Join(", ", examples.Take(Examples)) + (count > Examples ? $" and {count - Examples} more" : "");

    private sealed class Issued(long last)
    {
        public long Last { get; } = last;
        public BitArray Seen { get; } = new((int)Math.Max(0, last));
        public List<string> Repeats { get; } = [];
    }
}
