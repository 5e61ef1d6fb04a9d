using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Accounting.Ledger;
using Tandem.Parties.Contracts;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.JournalEntries;

/// <summary>Filters on the entry list.</summary>
public sealed record EntryFilter(EntryStatusName? Status = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>Drafts, changes, posts and reverses journal entries.</summary>
internal sealed class JournalEntriesHandler(
    AccountingDb db, DbSession session, LedgerPosting posting, CompanyCurrency currency, IPartiesModule parties, TimeProvider clock)
{
    public const int MaxLines = 500;

    internal static readonly SortMap<JournalEntry> Sorts = new SortMap<JournalEntry>("-date")
        .Add("date", e => e.Date)
        .Add("createdAt", e => e.CreatedAt);

    public async Task<Result<Page<JournalEntrySummaryDto>>> ListAsync(EntryFilter filter, PageRequest page, CancellationToken ct)
    {
        var query = db.Entries.AsNoTracking();
        if (filter.Status is { } status)
            query = query.Where(e => e.Status == (status == EntryStatusName.Posted ? EntryStatus.Posted : EntryStatus.Draft));
        if (filter.From is { } from)
            query = query.Where(e => e.Date >= from);
        if (filter.To is { } to)
            query = query.Where(e => e.Date <= to);
        return await query.ToPageAsync(page, Sorts, JournalEntrySummaryDto.Projection, ct);
    }

    public async Task<Result<JournalEntryDto>> GetAsync(Guid id, CancellationToken ct)
    {
        var entry = await db.Entries.AsNoTracking().Include(e => e.Lines).SingleOrDefaultAsync(e => e.Id == id, ct);
        return entry is null ? Error.NotFound("Journal entry") : await ToDtoAsync(entry, ct);
    }

    public async Task<Result<JournalEntryDto>> CreateAsync(JournalEntryInput input, bool post, CancellationToken ct)
    {
        var companyCurrency = await currency.GetAsync(ct);
        var prepared = await PrepareAsync(input, ct);
        if (!prepared.IsSuccess)
            return prepared.Error!;
        await using var unit = await session.BeginAsync(ct);
        var entry = JournalEntry.Draft(prepared.Value.Header, companyCurrency, prepared.Value.Lines, clock.GetUtcNow());
        db.Entries.Add(entry);
        if (post)
        {
            if (await posting.PostAsync(entry, ct) is { } refused)
                return refused;
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        await unit.CommitAsync(ct);
        return await ToDtoAsync(entry, ct);
    }

    public async Task<Result<JournalEntryDto>> UpdateAsync(Guid id, JournalEntryInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Lines).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null)
            return Error.NotFound("Journal entry");
        if (entry.Status == EntryStatus.Posted)
            return Error.Conflict("entry_posted", $"Entry {entry.Number} is posted and cannot change; reverse it instead.");
        if (checkVersion(entry.Version) is { } stale)
            return stale;
        var prepared = await PrepareAsync(input, ct);
        if (!prepared.IsSuccess)
            return prepared.Error!;
        entry.Change(prepared.Value.Header, prepared.Value.Lines);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(entry, ct);
    }

    public async Task<Result<bool>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Lines).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null)
            return Error.NotFound("Journal entry");
        if (entry.Status == EntryStatus.Posted)
            return Error.Conflict("entry_posted", $"Entry {entry.Number} is posted and cannot be deleted; reverse it instead.");
        db.Entries.Remove(entry);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Result<JournalEntryDto>> PostAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var entry = await db.Entries.Include(e => e.Lines).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null)
            return Error.NotFound("Journal entry");
        if (await posting.PostAsync(entry, ct) is { } refused)
            return refused;
        await unit.CommitAsync(ct);
        return await ToDtoAsync(entry, ct);
    }

    public async Task<Result<JournalEntryDto>> ReverseAsync(Guid id, DateOnly? date, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var original = await db.Entries.Include(e => e.Lines).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (original is null)
            return Error.NotFound("Journal entry");
        var lineAccounts = original.Lines.Select(l => l.AccountId).Distinct().ToList();
        if (await db.Accounts.AnyAsync(a => lineAccounts.Contains(a.Id) && (a.Role == ControlRole.Receivable || a.Role == ControlRole.Payable), ct))
            return new Error("control_account_manual", "The entry moves receivables or payables; correct the invoice or payment with a credit note or a refund instead.");
        if (original.Status != EntryStatus.Posted)
            return new Error("entry_not_posted", "Only a posted entry can be reversed; a draft can simply be changed or deleted.");
        if (original.ReversedById is not null)
            return Error.Conflict("entry_already_reversed", $"Entry {original.Number} has already been reversed.");
        var reversal = original.DraftReversal(date ?? original.Date, clock.GetUtcNow());
        original.MarkReversedBy(reversal.Id);
        db.Entries.Add(reversal);
        if (await posting.PostAsync(reversal, ct) is { } refused)
            return refused;
        await unit.CommitAsync(ct);
        return await ToDtoAsync(reversal, ct);
    }

    private sealed record Prepared(EntryHeader Header, IReadOnlyList<LineDraft> Lines);

    /// <summary>The body's shape: every field error at once, before anything is looked up.</summary>
    internal static FieldErrors Validate(JournalEntryInput input)
    {
        var errors = new FieldErrors()
            .When(input.Date is null, "date", "Required.")
            .Required("description", input.Description, 400)
            .Optional("reference", input.Reference, 100)
            .When(input.Lines is null || input.Lines.Count == 0, "lines", "At least one line.")
            .When(input.Lines is { Count: > MaxLines }, "lines", $"At most {MaxLines} lines.");
        var lines = input.Lines ?? [];
        // Field names are built only for a line in error: a valid entry of 500 lines allocates none.
        for (var i = 0; i < lines.Count && i < MaxLines; i++)
        {
            var line = lines[i];
            if (line is null)
            {
                errors.Add($"lines[{i}]", "Required.");
                continue;
            }
            if (line.AccountId == Guid.Empty)
                errors.Add($"lines[{i}].accountId", "Required.");
            if ((line.Debit is null) == (line.Credit is null))
                errors.Add($"lines[{i}]", "Give either a debit or a credit.");
            if (line.Debit is { } d && d.Amount <= 0 || line.Credit is { } c && c.Amount <= 0)
                errors.Add($"lines[{i}]", "The amount must be positive.");
            if (line.CompanyAmount is { Amount: <= 0 })
                errors.Add($"lines[{i}].companyAmount", "The amount must be positive.");
            if (line.Dimension is { Length: > 60 })
                errors.Add($"lines[{i}].dimension", "At most 60 characters.");
            if (line.Description is { Length: > 200 })
                errors.Add($"lines[{i}].description", "At most 200 characters.");
        }
        return errors;
    }

    /// <summary>Validates the body and turns each line into company-currency debits and credits.</summary>
    private async Task<Result<Prepared>> PrepareAsync(JournalEntryInput input, CancellationToken ct)
    {
        var errors = Validate(input);
        if (errors.Any)
            return errors.ToError();

        var lines = input.Lines!;
        var accountIds = lines.Select(l => l.AccountId).Distinct().ToList();
        var known = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).Select(a => new { a.Id, a.Code, a.Role }).ToListAsync(ct);
        if (accountIds.FirstOrDefault(id => known.All(a => a.Id != id)) is var unknown && unknown != Guid.Empty)
            return new Error("account_unknown", $"No account {unknown} in this company.") { Data = new Dictionary<string, object?> { ["accountId"] = unknown } };
        // Receivable and payable accounts move only with invoices and payments, so they always equal the open items.
        if (known.FirstOrDefault(a => a.Role is ControlRole.Receivable or ControlRole.Payable) is { } control)
            return new Error("control_account_manual", $"Account {control.Code} is a receivable or payable control account; post an invoice or a payment instead.");
        var partyIds = lines.Where(l => l.PartyId is not null).Select(l => l.PartyId!.Value).Distinct().ToList();
        if (partyIds.Count > 0)
        {
            var found = (await parties.FindManyAsync(partyIds, ct)).Select(p => p.Id).ToHashSet();
            if (partyIds.FirstOrDefault(id => !found.Contains(id)) is var missing && missing != Guid.Empty)
                return new Error("party_unknown", $"No party {missing} in this company.") { Data = new Dictionary<string, object?> { ["partyId"] = missing } };
        }

        var date = input.Date!.Value;
        var companyCurrency = await currency.GetAsync(ct);
        var drafts = new List<LineDraft>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var money = line.Debit ?? line.Credit!.Value;
            decimal companyAmount;
            if (money.Currency == companyCurrency)
            {
                companyAmount = money.Amount;
            }
            else if (line.CompanyAmount is { } fixedAmount)
            {
                if (fixedAmount.Currency != companyCurrency)
                    return Error.Validation($"lines[{i}].companyAmount", $"In the company currency {companyCurrency}.");
                companyAmount = fixedAmount.Amount;
            }
            else
            {
                var rate = await currency.RateAsync(money.Currency, date, ct);
                if (!rate.IsSuccess)
                    return rate.Error!;
                companyAmount = ExchangeRate.Convert(money.Amount, rate.Value, companyCurrency);
            }
            var isDebit = line.Debit is not null;
            drafts.Add(new LineDraft(
                line.AccountId,
                isDebit ? companyAmount : 0m,
                isDebit ? 0m : companyAmount,
                money.Currency,
                isDebit ? money.Amount : -money.Amount,
                line.PartyId,
                string.IsNullOrWhiteSpace(line.Dimension) ? null : line.Dimension.Trim(),
                string.IsNullOrWhiteSpace(line.Description) ? null : line.Description.Trim()));
        }
        return new Prepared(new EntryHeader(date, input.Description!, input.Reference), drafts);
    }

    private async Task<JournalEntryDto> ToDtoAsync(JournalEntry entry, CancellationToken ct)
    {
        var ids = entry.Lines.Select(l => l.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (a.Code, a.Name), ct);
        var company = entry.CompanyCurrency;
        var lines = entry.Lines.OrderBy(l => l.LineNumber).Select(l => new JournalLineDto(
            l.LineNumber, l.AccountId, accounts.GetValueOrDefault(l.AccountId).Code ?? "", accounts.GetValueOrDefault(l.AccountId).Name ?? "",
            new Money(l.Debit, company), new Money(l.Credit, company), new Money(l.Amount, l.Currency),
            l.PartyId, l.Dimension, l.Description)).ToList();
        return new JournalEntryDto(
            entry.Id, entry.Number, entry.Date, entry.Description, entry.Reference, entry.Status.ToString().ToLowerInvariant(),
            new Money(entry.TotalDebit, company), new Money(entry.TotalCredit, company),
            entry.ReversalOfId, entry.ReversedById, entry.PostedAt, lines, entry.Version);
    }
}
