using Tandem.SharedKernel;

namespace Tandem.Accounting.Domain;

internal enum EntryStatus
{
    Draft,
    Posted,
}

/// <summary>
/// A journal entry: lines whose debits equal their credits in the company currency. A draft can be
/// changed freely; once posted it has a number, moves the balances and never changes again: a mistake is
/// corrected by a reversing entry.
/// </summary>
internal sealed class JournalEntry : Entity
{
    private readonly List<JournalLine> _lines = [];

    private JournalEntry()
    {
    }

    public string? Number { get; private set; }
    public DateOnly Date { get; private set; }
    public string Description { get; private set; } = "";
    public string? Reference { get; private set; }
    public EntryStatus Status { get; private set; }
    public CurrencyCode CompanyCurrency { get; private set; }
    /// <summary>A year-end closing entry: kept in a balance period of its own after the year's last month.</summary>
    public bool IsClosing { get; private set; }
    public Guid? ReversalOfId { get; private set; }
    public Guid? ReversedById { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PostedAt { get; private set; }
    public IReadOnlyList<JournalLine> Lines => _lines;

    public decimal TotalDebit => _lines.Sum(l => l.Debit);
    public decimal TotalCredit => _lines.Sum(l => l.Credit);

    public static JournalEntry Draft(EntryHeader header, CurrencyCode companyCurrency, IReadOnlyList<LineDraft> lines, DateTimeOffset now, bool isClosing = false)
    {
        var entry = new JournalEntry { CompanyCurrency = companyCurrency, CreatedAt = now, Status = EntryStatus.Draft, IsClosing = isClosing };
        entry.Apply(header, lines);
        return entry;
    }

    /// <summary>Replaces a draft's header and lines; a posted entry refuses.</summary>
    public void Change(EntryHeader header, IReadOnlyList<LineDraft> lines)
    {
        EnsureDraft();
        Apply(header, lines);
    }

    /// <summary>Checks the entry can move the ledger and marks it posted under its number.</summary>
    public void Post(string number, DateTimeOffset now)
    {
        EnsureDraft();
        if (PostingError() is { } error)
            throw new BusinessRuleException(error);
        Number = number;
        Status = EntryStatus.Posted;
        PostedAt = now;
        foreach (var line in _lines)
            line.MarkPosted();
    }

    /// <summary>Why the entry cannot be posted as it stands, or null.</summary>
    public Error? PostingError()
    {
        if (_lines.Count < 2)
            return new Error("entry_too_few_lines", "An entry needs at least two lines.");
        if (TotalDebit != TotalCredit)
        {
            return new Error("entry_unbalanced", $"Debits {TotalDebit:0.00##} and credits {TotalCredit:0.00##} differ by {TotalDebit - TotalCredit:0.00##}.")
            {
                Data = new Dictionary<string, object?> { ["debit"] = TotalDebit.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture), ["credit"] = TotalCredit.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture) },
            };
        }
        return null;
    }

    /// <summary>A draft that undoes this posted entry line by line, dated <paramref name="date"/>.</summary>
    public JournalEntry DraftReversal(DateOnly date, DateTimeOffset now)
    {
        if (Status != EntryStatus.Posted)
            throw new BusinessRuleException(new Error("entry_not_posted", "Only a posted entry can be reversed; a draft can simply be changed or deleted."));
        if (ReversedById is not null)
            throw new BusinessRuleException(Error.Conflict("entry_already_reversed", $"Entry {Number} has already been reversed."));
        var lines = _lines.Select(l => new LineDraft(l.AccountId, l.Credit, l.Debit, l.Currency, -l.Amount, l.PartyId, l.Dimension, l.Description)).ToList();
        var reversal = Draft(new EntryHeader(date, $"Reversal of {Number}: {Description}", Number), CompanyCurrency, lines, now, IsClosing);
        reversal.ReversalOfId = Id;
        return reversal;
    }

    public void MarkReversedBy(Guid reversalId)
    {
        if (Status != EntryStatus.Posted || ReversedById is not null)
            throw new BusinessRuleException(Error.Conflict("entry_already_reversed", $"Entry {Number} has already been reversed."));
        ReversedById = reversalId;
    }

    public void EnsureDraft()
    {
        if (Status == EntryStatus.Posted)
            throw new BusinessRuleException(Error.Conflict("entry_posted", $"Entry {Number} is posted and cannot change; reverse it instead."));
    }

    private void Apply(EntryHeader header, IReadOnlyList<LineDraft> lines)
    {
        Date = header.Date;
        Description = header.Description.Trim();
        Reference = string.IsNullOrWhiteSpace(header.Reference) ? null : header.Reference.Trim();
        _lines.Clear();
        for (var i = 0; i < lines.Count; i++)
            _lines.Add(new JournalLine(Id, i + 1, header.Date, IsClosing ? AccountBalance.ClosingPeriodOf(header.Date) : AccountBalance.PeriodOf(header.Date), lines[i]));
    }
}

/// <summary>One line: debit or credit in the company currency, the amount in the transaction currency (positive on the debit side).</summary>
internal sealed class JournalLine : Entity
{
    private JournalLine()
    {
    }

    public JournalLine(Guid entryId, int lineNumber, DateOnly date, int period, LineDraft draft)
    {
        EntryId = entryId;
        LineNumber = lineNumber;
        Date = date;
        Period = period;
        AccountId = draft.AccountId;
        Debit = draft.Debit;
        Credit = draft.Credit;
        Currency = draft.Currency;
        Amount = draft.Amount;
        PartyId = draft.PartyId;
        Dimension = draft.Dimension;
        Description = draft.Description;
    }

    public Guid EntryId { get; private set; }
    public int LineNumber { get; private set; }
    public DateOnly Date { get; private set; }

    /// <summary>The balance period the line counts in (see <see cref="AccountBalance.Period"/>).</summary>
    public int Period { get; private set; }

    public Guid AccountId { get; private set; }
    public decimal Debit { get; private set; }
    public decimal Credit { get; private set; }
    public CurrencyCode Currency { get; private set; }
    public decimal Amount { get; private set; }
    public Guid? PartyId { get; private set; }
    public string? Dimension { get; private set; }
    public string? Description { get; private set; }
    public bool IsPosted { get; private set; }

    public void MarkPosted() => IsPosted = true;

    /// <summary>Re-points the line after a party merge; the only change a posted line accepts.</summary>
    public void RepointParty(Guid partyId) => PartyId = partyId;
}

internal sealed record EntryHeader(DateOnly Date, string Description, string? Reference);

/// <summary>A line as a use case prepared it: amounts already converted and rounded.</summary>
internal sealed record LineDraft(
    Guid AccountId, decimal Debit, decimal Credit, CurrencyCode Currency, decimal Amount, Guid? PartyId, string? Dimension, string? Description);
