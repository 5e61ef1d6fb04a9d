using Tandem.Accounting.Domain;

namespace Tandem.Accounting.Ledger;

/// <summary>The change one posting makes to one balance row.</summary>
internal sealed record BalanceDelta(Guid AccountId, int Period, string Currency, Guid PartyId, decimal Debit, decimal Credit, decimal Amount);

/// <summary>
/// Adds a posting's lines to the balance rows with one atomic upsert per row (<c>x = x + excluded.x</c>), never a
/// read-modify-write, so concurrent postings cannot lose an update. Rows are touched in key order, so two postings
/// that share rows queue on the first one instead of deadlocking.
/// </summary>
internal sealed class BalanceWriter(LedgerSql sql)
{
    public static IReadOnlyList<BalanceDelta> DeltasOf(IEnumerable<JournalLine> lines, IReadOnlySet<Guid> partyAccounts) =>
        lines
            .GroupBy(l => (l.AccountId, l.Period, Currency: l.Currency.Value,
                PartyId: partyAccounts.Contains(l.AccountId) ? l.PartyId ?? Guid.Empty : Guid.Empty))
            .Select(g => new BalanceDelta(g.Key.AccountId, g.Key.Period, g.Key.Currency, g.Key.PartyId,
                g.Sum(l => l.Debit), g.Sum(l => l.Credit), g.Sum(l => l.Amount)))
            .OrderBy(d => d.AccountId).ThenBy(d => d.Period).ThenBy(d => d.Currency, StringComparer.Ordinal).ThenBy(d => d.PartyId)
            .ToList();

    public async Task ApplyAsync(Guid companyId, IReadOnlyList<BalanceDelta> deltas, CancellationToken ct)
    {
        var table = sql.Table("account_balance");
        var target = sql.IsPostgres ? "b." : "";
        var text = $"""
            INSERT INTO {table}{(sql.IsPostgres ? " AS b" : "")} (company_id, account_id, period, currency, party_id, debit, credit, amount)
            VALUES (@company, @account, @period, @currency, @party, @debit, @credit, @amount)
            ON CONFLICT (company_id, account_id, period, currency, party_id) DO UPDATE SET
              debit = {target}debit + excluded.debit,
              credit = {target}credit + excluded.credit,
              amount = {target}amount + excluded.amount
            """;
        foreach (var delta in deltas)
        {
            await using var command = sql.Command(text);
            sql.Add(command, "@company", companyId);
            sql.Add(command, "@account", delta.AccountId);
            sql.Add(command, "@period", delta.Period);
            sql.Add(command, "@currency", delta.Currency);
            sql.Add(command, "@party", delta.PartyId);
            sql.Add(command, "@debit", delta.Debit);
            sql.Add(command, "@credit", delta.Credit);
            sql.Add(command, "@amount", delta.Amount);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Moves a merged party's balance rows onto the survivor, adding to rows the survivor already has.</summary>
    public async Task<int> RepointPartyAsync(Guid companyId, Guid fromPartyId, Guid toPartyId, CancellationToken ct)
    {
        var table = sql.Table("account_balance");
        var target = sql.IsPostgres ? "b." : "";
        await using var move = sql.Command($"""
            INSERT INTO {table}{(sql.IsPostgres ? " AS b" : "")} (company_id, account_id, period, currency, party_id, debit, credit, amount)
            SELECT company_id, account_id, period, currency, @to, debit, credit, amount FROM {table}
            WHERE company_id = @company AND party_id = @from
            ORDER BY account_id, period, currency
            ON CONFLICT (company_id, account_id, period, currency, party_id) DO UPDATE SET
              debit = {target}debit + excluded.debit,
              credit = {target}credit + excluded.credit,
              amount = {target}amount + excluded.amount
            """);
        sql.Add(move, "@company", companyId);
        sql.Add(move, "@from", fromPartyId);
        sql.Add(move, "@to", toPartyId);
        await move.ExecuteNonQueryAsync(ct);
        await using var remove = sql.Command($"DELETE FROM {table} WHERE company_id = @company AND party_id = @from");
        sql.Add(remove, "@company", companyId);
        sql.Add(remove, "@from", fromPartyId);
        return await remove.ExecuteNonQueryAsync(ct);
    }
}
