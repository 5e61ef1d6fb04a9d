using System.Linq.Expressions;
using Tandem.Accounting.Domain;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.JournalEntries;

/// <summary>The body of a create or update request. A line gives either a debit or a credit in its transaction currency.</summary>
public sealed record JournalEntryInput(DateOnly? Date, string? Description, string? Reference, IReadOnlyList<JournalLineInput>? Lines);

/// <summary>
/// One line of the body. <c>CompanyAmount</c> fixes the company-currency value of a foreign-currency line; without it
/// the exchange rate in force on the entry date converts the amount.
/// </summary>
public sealed record JournalLineInput(Guid AccountId, Money? Debit = null, Money? Credit = null, Money? CompanyAmount = null, Guid? PartyId = null, string? Dimension = null, string? Description = null);

public sealed record JournalLineDto(
    int LineNumber, Guid AccountId, string AccountCode, string AccountName, Money Debit, Money Credit, Money Amount,
    Guid? PartyId, string? Dimension, string? Description);

public sealed record JournalEntryDto(
    Guid Id, string? Number, DateOnly Date, string Description, string? Reference, string Status, Money TotalDebit, Money TotalCredit,
    Guid? ReversalOfId, Guid? ReversedById, DateTimeOffset? PostedAt, IReadOnlyList<JournalLineDto> Lines, long Version);

public sealed record JournalEntrySummaryDto(Guid Id, string? Number, DateOnly Date, string Description, string? Reference, EntryStatusName Status, decimal Total, long Version)
{
    internal static readonly Expression<Func<JournalEntry, JournalEntrySummaryDto>> Projection = e => new JournalEntrySummaryDto(
        e.Id, e.Number, e.Date, e.Description, e.Reference,
        e.Status == EntryStatus.Posted ? EntryStatusName.Posted : EntryStatusName.Draft,
        e.Lines.Sum(l => l.Debit), e.Version);
}

/// <summary>The states an entry shows in lists.</summary>
public enum EntryStatusName
{
    Draft,
    Posted,
}
