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
    public static readonly DocumentNumberFormat NumberFormat = new(Sequence, "JE", Yearly: true, Digits: 6);

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
        entry.Post(await numbers.NextAsync(NumberFormat, period.Value.FiscalYear, ct), clock.GetUtcNow());
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
        var rates = await RatesAsync([currency], date, ct);
        return rates.IsSuccess ? rates.Value[currency] : rates.Error!;
    }

    /// <summary>
    /// The amounts in <paramref name="to"/>, each through the company currency at the rates in force on the date, rounded
    /// once at the end. One query reads the latest rate on or before the date of every foreign currency in play.
    /// </summary>
    public async Task<Result<IReadOnlyList<Money>>> ConvertAsync(IReadOnlyList<Money> amounts, CurrencyCode to, DateOnly date, CancellationToken ct)
    {
        if (amounts.All(a => a.Currency == to))
            return amounts.Select(a => a with { Amount = Math.Round(a.Amount, to.MinorUnits, MidpointRounding.AwayFromZero) }).ToList();
        var company = await GetAsync(ct);
        var rates = await RatesAsync(amounts.Select(a => a.Currency).Append(to), date, ct);
        if (!rates.IsSuccess)
            return rates.Error!;
        return amounts.Select(a =>
        {
            if (a.Currency == to)
                return a with { Amount = Math.Round(a.Amount, to.MinorUnits, MidpointRounding.AwayFromZero) };
            var inCompany = a.Currency == company ? a.Amount : a.Amount * rates.Value[a.Currency];
            var converted = to == company ? inCompany : inCompany / rates.Value[to];
            return new Money(Math.Round(converted, to.MinorUnits, MidpointRounding.AwayFromZero), to);
        }).ToList();
    }

    /// <summary>The rate in force on the date of each foreign currency (the company's own is 1), or <c>currency_rate_missing</c> for the first without one.</summary>
    public async Task<Result<IReadOnlyDictionary<CurrencyCode, decimal>>> RatesAsync(IEnumerable<CurrencyCode> currencies, DateOnly date, CancellationToken ct)
    {
        var company = await GetAsync(ct);
        var foreign = currencies.Where(c => c != company).Distinct().OrderBy(c => c.Value, StringComparer.Ordinal).ToList();
        var found = new Dictionary<CurrencyCode, decimal> { [company] = 1m };
        if (foreign.Count == 0)
            return found;
        // Each currency's latest date on or before the day, through the (company, currency, date) index: one row per currency.
        var rates = await db.ExchangeRates.AsNoTracking()
            .Where(r => foreign.Contains(r.Currency)
                && r.Date == db.ExchangeRates.Where(x => x.Currency == r.Currency && x.Date <= date).Max(x => (DateOnly?)x.Date))
            .Select(r => new { r.Currency, r.Rate }).ToListAsync(ct);
        foreach (var rate in rates)
            found[rate.Currency] = rate.Rate;
        if (foreign.FirstOrDefault(c => !found.ContainsKey(c)) is { Value: not null } missing)
            return RateMissing(missing, date);
        return found;
    }

    public static Error RateMissing(CurrencyCode currency, DateOnly date) =>
        new("currency_rate_missing", $"No {currency} exchange rate on or before {date:yyyy-MM-dd}.")
        {
            Data = new Dictionary<string, object?> { ["currency"] = currency.Value, ["date"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
        };
}
