using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Features.JournalEntries;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.MicroBench;

/// <summary>
/// Posting's hot path on an entry of N lines: the request's field validation, drafting the entry and its balance check,
/// the tax split of an invoice's lines, and the problem detail a bad request gets back.
/// </summary>
[MemoryDiagnoser]
public class AccountingBenchmarks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private JournalEntryInput _valid = null!;
    private JournalEntryInput _invalid = null!;
    private LineDraft[] _drafts = [];
    private decimal[] _amounts = [];
    private readonly EntryHeader _header = new(new DateOnly(2026, 12, 1), "Month-end accrual", "ACC-12");
    private readonly DateTimeOffset _now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Params(2, 10, 100)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var eur = CurrencyCode.Eur;
        var accounts = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        var amounts = Enumerable.Range(0, Lines / 2).Select(_ => random.Next(100, 1_000_000) / 100m).ToArray();
        var inputs = new List<JournalLineInput>();
        var drafts = new List<LineDraft>();
        foreach (var (amount, i) in amounts.Select((a, i) => (a, i)))
        {
            inputs.Add(new JournalLineInput(accounts[i % 8], Debit: new Money(amount, eur), Description: "Accrued cost"));
            inputs.Add(new JournalLineInput(accounts[(i + 3) % 8], Credit: new Money(amount, eur), Dimension: "north"));
            drafts.Add(new LineDraft(accounts[i % 8], amount, 0m, eur, amount, null, null, "Accrued cost"));
            drafts.Add(new LineDraft(accounts[(i + 3) % 8], 0m, amount, eur, -amount, null, "north", null));
        }
        _valid = new JournalEntryInput(_header.Date, _header.Description, _header.Reference, inputs);
        // Every other line gives both a debit and a credit: one field error per such line.
        _invalid = _valid with
        {
            Lines = inputs.Select((l, i) => i % 2 == 0 ? l with { Credit = l.Debit } : l).ToList(),
        };
        _drafts = drafts.ToArray();
        _amounts = Enumerable.Range(0, Lines).Select(_ => random.Next(100, 1_000_000) / 100m).ToArray();
    }

    [Benchmark]
    public bool ValidateRequest() => JournalEntriesHandler.Validate(_valid).Any;

    [Benchmark]
    public string InvalidRequestToProblemJson()
    {
        var error = JournalEntriesHandler.Validate(_invalid).ToError();
        return JsonSerializer.Serialize(Problems.Details(error), Json);
    }

    [Benchmark]
    public bool DraftEntryAndCheckBalance()
    {
        var entry = JournalEntry.Draft(_header, CurrencyCode.Eur, _drafts, _now);
        return entry.PostingError() is null;
    }

    [Benchmark]
    public decimal SplitInvoiceTax()
    {
        var tax = 0m;
        var eur = CurrencyCode.Eur;
        for (var i = 0; i < _amounts.Length; i++)
            tax += Tax.Split(_amounts[i], 20m, i % 2 == 0, eur).Tax;
        return tax;
    }
}
