using System.Data.Common;
using Tandem.Platform.Identity;
using Tandem.Platform.Persistence;

namespace Tandem.Platform.Numbering;

/// <summary>A gap-free counter per company, sequence (document type) and fiscal year.</summary>
public sealed class NumberSequence
{
    public Guid CompanyId { get; set; }
    public string Sequence { get; set; } = "";
    public int FiscalYear { get; set; }
    public long NextValue { get; set; }
}

/// <summary>
/// Hands out gap-free document numbers inside the caller's transaction. The counter row stays locked
/// until the caller commits, so a rollback gives the number back and no two callers get the same one.
/// Concurrent callers of one sequence queue on that row only; other sequences are not held up.
/// </summary>
public sealed class DocumentNumbers(DbSession session, ICompanyContext company)
{
    public Task<long> NextAsync(string sequence, int fiscalYear, CancellationToken ct) => ReserveAsync(sequence, fiscalYear, 1, ct);

    /// <summary>The next number of the format's sequence, composed: <c>PO2026-00042</c>.</summary>
    public async Task<string> NextAsync(DocumentNumberFormat format, int fiscalYear, CancellationToken ct) =>
        format.Compose(format.Yearly ? fiscalYear : 0, await ReserveAsync(format.Sequence, format.Yearly ? fiscalYear : 0, 1, ct));

    /// <summary>Takes <paramref name="count"/> consecutive numbers at once (a bulk load's) and returns the first.</summary>
    public async Task<long> ReserveAsync(string sequence, int fiscalYear, long count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var transaction = session.Transaction
            ?? throw new InvalidOperationException("Document numbers are assigned inside the unit of work that saves the document.");
        var table = session.Provider == DatabaseProvider.Postgres
            ? $"{PlatformDb.SchemaName}.number_sequences"
            : $"{PlatformDb.SchemaName}_number_sequences";
        await using var insert = Command(transaction,
            $"INSERT INTO {table} (company_id, sequence, fiscal_year, next_value) VALUES (@company, @sequence, @year, 1) ON CONFLICT DO NOTHING",
            sequence, fiscalYear);
        await insert.ExecuteNonQueryAsync(ct);
        await using var take = Command(transaction,
            $"UPDATE {table} SET next_value = next_value + @count WHERE company_id = @company AND sequence = @sequence AND fiscal_year = @year RETURNING next_value - @count",
            sequence, fiscalYear);
        Add(take, "@count", count);
        var value = await take.ExecuteScalarAsync(ct);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private DbCommand Command(DbTransaction transaction, string sql, string sequence, int fiscalYear)
    {
        var command = session.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Add(command, "@company", session.Provider == DatabaseProvider.Postgres ? company.CompanyId : company.CompanyId.ToString().ToUpperInvariant());
        Add(command, "@sequence", sequence);
        Add(command, "@year", fiscalYear);
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
