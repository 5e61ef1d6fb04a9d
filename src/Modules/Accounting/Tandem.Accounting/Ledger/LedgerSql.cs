using System.Data.Common;
using System.Globalization;
using Tandem.Accounting.Data;
using Tandem.Platform.Persistence;

namespace Tandem.Accounting.Ledger;

/// <summary>
/// Raw statements the ledger runs on the request's connection and transaction, written once for both providers:
/// table names carry the schema on PostgreSQL and the prefix on SQLite, and SQLite gets ids as upper-case text and
/// amounts as the scaled integers the model conventions store.
/// </summary>
internal sealed class LedgerSql(DbSession session)
{
    public bool IsPostgres => session.Provider == DatabaseProvider.Postgres;

    public string Table(string name) => IsPostgres ? $"{AccountingDb.SchemaName}.{name}" : $"{AccountingDb.SchemaName}_{name}";

    public DbCommand Command(string sql)
    {
        var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction
            ?? throw new InvalidOperationException("Ledger statements run inside the unit of work of the posting.");
        command.CommandText = sql;
        return command;
    }

    public void Add(DbCommand command, string name, Guid value) =>
        AddRaw(command, name, IsPostgres ? value : value.ToString().ToUpperInvariant());

    public void Add(DbCommand command, string name, decimal value) =>
        AddRaw(command, name, IsPostgres ? value : (object)(long)decimal.Round(value * ScaledDecimalConverter.Pow10(ModelConventions.DefaultDecimalScale), MidpointRounding.AwayFromZero));

    public void Add(DbCommand command, string name, int value) => AddRaw(command, name, value);

    public void Add(DbCommand command, string name, string value) => AddRaw(command, name, value);

    public static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static void AddRaw(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
