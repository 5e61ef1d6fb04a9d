using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Ledger;

/// <summary>
/// Entries other modules post (stock valuation, later purchasing): accounts found by role or code, amounts in the
/// company currency, posted through <see cref="LedgerPosting"/> inside the caller's unit of work.
/// </summary>
internal sealed class ModulePosting(AccountingDb db, DbSession session, LedgerPosting posting, CompanyCurrency currency, TimeProvider clock)
{
    public async Task<Result<PostedEntry>> PostAsync(LedgerEntryRequest request, CancellationToken ct)
    {
        if (session.Transaction is null)
            throw new InvalidOperationException("A module posts to the ledger inside its own open unit of work.");
        if (request.Lines.Count < 2)
            return new Error("entry_too_few_lines", "An entry needs at least two lines.");
        if (request.Lines.Any(l => l.Debit < 0 || l.Credit < 0 || (l.Debit != 0) == (l.Credit != 0)))
            return Error.Validation("lines", "Each line has either a positive debit or a positive credit.");
        var roles = request.Lines.Where(l => l.Role is not null).Select(l => l.Role!.Value).Distinct().ToList();
        var codes = request.Lines.Where(l => l.Role is null).Select(l => l.AccountCode ?? "").Distinct().ToList();
        var candidates = await db.Accounts.AsNoTracking()
            .Where(a => a.IsActive && (roles.Contains(a.Role) || codes.Contains(a.Code)))
            .OrderBy(a => a.Code)
            .Select(a => new { a.Id, a.Code, a.Role })
            .ToListAsync(ct);
        var companyCurrency = await currency.GetAsync(ct);
        var lines = new List<LineDraft>();
        foreach (var line in request.Lines)
        {
            var account = line.Role is { } role
                ? candidates.FirstOrDefault(a => a.Role == role)
                : candidates.FirstOrDefault(a => a.Code == line.AccountCode);
            if (account is null)
                return new Error("account_unknown", line.Role is { } missing ? $"No active account has the role {missing}." : $"No active account {line.AccountCode}.");
            lines.Add(new LineDraft(account.Id, line.Debit, line.Credit, companyCurrency, line.Debit - line.Credit, line.PartyId, null, line.Description));
        }
        var entry = JournalEntry.Draft(new EntryHeader(request.Date, request.Description, request.Reference), companyCurrency, lines, clock.GetUtcNow());
        db.Entries.Add(entry);
        if (await posting.PostAsync(entry, ct) is { } refused)
        {
            db.Entry(entry).State = EntityState.Detached;
            return refused;
        }
        return new PostedEntry(entry.Id, entry.Number!);
    }

    public async Task<IReadOnlyList<RoleBalance>> RoleBalancesAsync(ControlRole role, CancellationToken ct)
    {
        var accounts = db.Accounts.IgnoreQueryFilters().Where(a => a.Role == role).Select(a => a.Id);
        var rows = await db.Balances.IgnoreQueryFilters().Where(b => accounts.Contains(b.AccountId))
            .GroupBy(b => b.CompanyId)
            .Select(g => new { CompanyId = g.Key, Debit = g.Sum(b => b.Debit), Credit = g.Sum(b => b.Credit) })
            .ToListAsync(ct);
        return rows.Select(r => new RoleBalance(r.CompanyId, r.Debit - r.Credit)).ToList();
    }

    public async Task<IReadOnlySet<EntryReference>> PostedEntriesAsync(IReadOnlyCollection<EntryReference> entries, CancellationToken ct)
    {
        var posted = new HashSet<EntryReference>();
        foreach (var company in entries.GroupBy(e => e.CompanyId))
        {
            var numbers = company.Select(e => e.Number).Distinct(StringComparer.Ordinal).ToList();
            var found = await db.Entries.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.CompanyId == company.Key && e.Status == EntryStatus.Posted && numbers.Contains(e.Number!))
                .Select(e => e.Number!)
                .ToListAsync(ct);
            posted.UnionWith(found.Select(n => new EntryReference(company.Key, n)));
        }
        return posted;
    }
}
