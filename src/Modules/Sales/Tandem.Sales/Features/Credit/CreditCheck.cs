using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Contracts;
using Tandem.Platform;
using Tandem.Platform.Modules;
using Tandem.Platform.Persistence;
using Tandem.Sales.Data;
using Tandem.Sales.Domain;
using Tandem.SharedKernel;

namespace Tandem.Sales.Features.Credit;

/// <summary>What a credit-checked action may do: go ahead, or not (the refusal, or the approval it was sent to).</summary>
/// <summary>A currency's committed orders: their totals and what of them is invoiced.</summary>
internal sealed record UninvoicedRow(CurrencyCode Currency, decimal Total, decimal Invoiced);

internal sealed record CreditOutcome(CreditFigures Figures, Error? Refusal, CreditApproval? RequestedApproval)
{
    public bool MayProceed => Refusal is null && RequestedApproval is null;
}

/// <summary>
/// The credit check of quote acceptance and order confirmation. It first takes the customer's sales row in the
/// caller's transaction (a row lock on PostgreSQL, the write lock on SQLite), so two checks for one customer run one
/// after the other and the second sees what the first committed: parallel confirmations never pass the limit together.
/// </summary>
internal sealed class CreditCheck(SalesDb db, DbSession session, IAccountingModule accounting, SalesCompany company, ICompanyContext tenant, ICurrentUser user, TimeProvider clock)
{
    public async Task<CreditOutcome> CheckAsync(Guid partyId, string documentType, Guid documentId, string documentNumber, Money amount, Guid? quoteId,
        bool requestApproval, CancellationToken ct)
    {
        await LockAsync(partyId, ct);
        var figures = await FiguresAsync(partyId, amount, ct);
        if (!figures.Blocked)
            return new CreditOutcome(figures, null, null);
        var approvals = await db.Approvals.AsNoTracking()
            .Where(a => (a.DocumentId == documentId || (quoteId != null && a.DocumentId == quoteId)) && a.Status == ApprovalStatus.Approved).ToListAsync(ct);
        if (approvals.Any(a => a.Amount >= amount.Amount))
            return new CreditOutcome(figures, null, null);
        if (!requestApproval)
            return new CreditOutcome(figures, figures.ToError(), null);
        var pending = await db.Approvals.SingleOrDefaultAsync(a => a.DocumentId == documentId && a.Status == ApprovalStatus.Pending, ct);
        if (pending is not null)
            return new CreditOutcome(figures, null, pending);
        var approval = CreditApproval.Request(partyId, documentType, documentId, documentNumber, amount.Currency, amount.Amount, figures, user.DisplayName, clock.GetUtcNow());
        db.Approvals.Add(approval);
        return new CreditOutcome(figures, null, approval);
    }

    /// <summary>
    /// The figures, without locking or deciding anything (a screen shows them as they are). Exposure in the company currency:
    /// open receivables (kept in it by Accounting), the customer's confirmed but uninvoiced orders summed per currency in
    /// one query, and the document; the foreign amounts converted in one call at the rates of today (the latest on or before it).
    /// </summary>
    public async Task<CreditFigures> FiguresAsync(Guid partyId, Money amount, CancellationToken ct)
    {
        var currency = await company.CurrencyAsync(ct);
        var today = company.Today;
        var position = await accounting.GetCreditPositionAsync(partyId, ct);
        var uninvoiced = await UninvoicedAsync(partyId, ct);
        var amounts = uninvoiced.Append(amount).ToList();
        var converted = await accounting.ConvertAsync(amounts, currency, today, ct);
        string? missing = null;
        IReadOnlyList<Money> inCompany;
        if (converted.IsSuccess)
        {
            inCompany = converted.Value;
        }
        else if (converted.Error!.Code == "currency_rate_missing")
        {
            // What has no rate cannot be counted; the figures say which currency, and with a limit the check blocks.
            missing = converted.Error.Data?.GetValueOrDefault("currency") as string;
            inCompany = amounts.Select(a => a.Currency == currency ? a : Money.Zero(currency)).ToList();
        }
        else
        {
            throw new BusinessRuleException(converted.Error);
        }
        var foreign = amounts.Any(a => a.Currency != currency);
        return new CreditFigures(position.Open.Amount, inCompany.Take(uninvoiced.Count).Sum(m => m.Amount), inCompany[^1].Amount, position.Limit?.Amount,
            position.Overdue.Amount, position.OverdueToleranceDays, currency.Value)
        {
            DocumentAmount = amount.Amount, DocumentCurrency = amount.Currency.Value, RateDate = foreign ? today : null, RateMissing = missing,
        };
    }

    /// <summary>Total less invoiced of the customer's committed orders, one row per currency.</summary>
    private async Task<IReadOnlyList<Money>> UninvoicedAsync(Guid partyId, CancellationToken ct)
    {
        var rows = await UninvoicedQuery(db, partyId).ToListAsync(ct);
        return rows.OrderBy(r => r.Currency.Value, StringComparer.Ordinal).Select(r => new Money(r.Total - r.Invoiced, r.Currency)).ToList();
    }

    /// <summary>
    /// One grouped query. The statuses are constants in the SQL (<c>status IN ('Confirmed', ...)</c>), so the (company, party,
    /// status) index serves it, and on PostgreSQL the partial index of committed orders holding currency, total and invoiced
    /// amount answers it from the index alone. The document checked is a quote or a draft order, never among them.
    /// </summary>
    internal static IQueryable<UninvoicedRow> UninvoicedQuery(SalesDb db, Guid partyId) =>
        db.Orders.AsNoTracking().Where(o => o.PartyId == partyId).Where(SalesOrder.IsCommitted)
            .GroupBy(o => o.Currency)
            .Select(g => new UninvoicedRow(g.Key, g.Sum(o => o.Total), g.Sum(o => o.InvoicedAmount)));

    /// <summary>Creates the customer's sales row when missing and touches it, holding it until the transaction ends.</summary>
    private async Task LockAsync(Guid partyId, CancellationToken ct)
    {
        var transaction = session.Transaction ?? throw new InvalidOperationException("A credit check runs inside the unit of work of the action it guards.");
        var postgres = session.Provider == DatabaseProvider.Postgres;
        var table = postgres ? $"{SalesDb.SchemaName}.customer" : $"{SalesDb.SchemaName}_customer";
        object Id(Guid id) => postgres ? id : id.ToString().ToUpperInvariant();
        await using (var insert = Command(transaction,
            $"INSERT INTO {table} (id, company_id, party_id, credit_checks, version) VALUES (@id, @company, @party, 0, 1) ON CONFLICT DO NOTHING"))
        {
            Add(insert, "@id", Id(Guid.CreateVersion7()));
            Add(insert, "@company", Id(tenant.CompanyId));
            Add(insert, "@party", Id(partyId));
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using var touch = Command(transaction, $"UPDATE {table} SET credit_checks = credit_checks + 1 WHERE company_id = @company AND party_id = @party");
        Add(touch, "@company", Id(tenant.CompanyId));
        Add(touch, "@party", Id(partyId));
        await touch.ExecuteNonQueryAsync(ct);
    }

    private DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = session.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
