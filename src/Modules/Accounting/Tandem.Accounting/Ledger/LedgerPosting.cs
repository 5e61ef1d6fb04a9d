using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Accounting.Data;
using Tandem.Accounting.Domain;
using Tandem.Platform.Identity;
using Tandem.Platform.Numbering;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Ledger;

/// <summary>
/// Posts an entry inside the caller's unit of work: checks accounts and the period, takes the next gap-free
/// number, saves, and moves the balances, so the entry and its balances commit or roll back together.
/// Every document that reaches the ledger (manual entries, reversals, invoices, payments) posts through here.
/// </summary>
internal sealed class LedgerPosting(AccountingDb db, DocumentNumbers numbers, BalanceWriter balances, LedgerSql sql, TimeProvider clock)
{
    public const string Sequence = "journal-entry";

    public async Task<Error?> PostAsync(JournalEntry entry, CancellationToken ct)
    {
        if (entry.Status == EntryStatus.Posted)
            return Error.Conflict("entry_posted", $"Entry {entry.Number} is already posted.");
        if (entry.PostingError() is { } invalid)
            return invalid;
        var accountIds = entry.Lines.Select(l => l.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Code, a.IsActive, a.Role }).ToListAsync(ct);
        if (accountIds.FirstOrDefault(id => accounts.All(a => a.Id != id)) is var unknown && unknown != Guid.Empty)
            return new Error("account_unknown", $"No account {unknown} in this company.");
        if (accounts.FirstOrDefault(a => !a.IsActive) is { } inactive)
            return new Error("account_inactive", $"Account {inactive.Code} is inactive and takes no postings.");
        var period = await OpenPeriodAsync(entry.Date, ct);
        if (!period.IsSuccess)
            return period.Error;
        var number = await numbers.NextAsync(Sequence, period.Value.FiscalYear, ct);
        entry.Post($"JE{period.Value.FiscalYear}-{number:D6}", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var partyAccounts = accounts.Where(a => a.Role is ControlRole.Receivable or ControlRole.Payable).Select(a => a.Id).ToHashSet();
        await balances.ApplyAsync(db.CompanyId, BalanceWriter.DeltasOf(entry.Lines, partyAccounts), ct);
        return null;
    }

    /// <summary>
    /// The open period holding the date. On PostgreSQL the period row is share-locked until commit, so closing
    /// the period waits for postings in flight and no posting slips into a period closed meanwhile.
    /// </summary>
    public async Task<Result<PeriodRef>> OpenPeriodAsync(DateOnly date, CancellationToken ct)
    {
        var period = await db.Periods.AsNoTracking().Where(p => p.StartDate <= date && p.EndDate >= date)
            .Select(p => new PeriodRef(p.Id, p.FiscalYear, p.Number, p.Status)).SingleOrDefaultAsync(ct);
        if (period is null)
            return new Error("period_missing", $"No fiscal period covers {date:yyyy-MM-dd}; open the fiscal year first.");
        var status = period.Status;
        if (sql.IsPostgres)
        {
            await using var lockRow = sql.Command($"SELECT status FROM {sql.Table("fiscal_period")} WHERE id = @id FOR SHARE");
            sql.Add(lockRow, "@id", period.Id);
            status = Enum.Parse<PeriodStatus>(LedgerSql.Text(await lockRow.ExecuteScalarAsync(ct)));
        }
        if (status != PeriodStatus.Open)
            return new Error("period_closed", $"Period {period.FiscalYear}-{period.Number:D2} is {status.ToString().ToLowerInvariant()}; nothing can be posted into it.");
        return period with { Status = status };
    }
}

internal sealed record PeriodRef(Guid Id, int FiscalYear, int Number, PeriodStatus Status);

/// <summary>The company's currency, which every ledger amount is kept in.</summary>
internal sealed class CompanyCurrency(PlatformDb platform, AccountingDb db)
{
    private CurrencyCode? _currency;

    public async Task<CurrencyCode> GetAsync(CancellationToken ct)
    {
        if (_currency is { } known)
            return known;
        var companyId = db.CompanyId;
        var code = await platform.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.Currency).SingleOrDefaultAsync(ct);
        _currency = CurrencyCode.IsValid(code) ? new CurrencyCode(code!) : CurrencyCode.Eur;
        return _currency.Value;
    }

    /// <summary>The rate in force on the date (the latest set on or before it), or <c>currency_rate_missing</c>.</summary>
    public async Task<Result<decimal>> RateAsync(CurrencyCode currency, DateOnly date, CancellationToken ct)
    {
        if (currency == await GetAsync(ct))
            return 1m;
        var rate = await db.ExchangeRates.AsNoTracking().Where(r => r.Currency == currency && r.Date <= date)
            .OrderByDescending(r => r.Date).Select(r => (decimal?)r.Rate).FirstOrDefaultAsync(ct);
        if (rate is null)
            return new Error("currency_rate_missing", $"No {currency} exchange rate on or before {date:yyyy-MM-dd}.") { Data = new Dictionary<string, object?> { ["currency"] = currency.Value } };
        return rate.Value;
    }
}
