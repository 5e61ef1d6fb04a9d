using System.Data.Common;
using Tandem.Platform.Identity;

namespace Tandem.Platform.Persistence;

/// <summary>
/// Raw SQL on platform tables for the few places EF cannot express (row claims with SKIP LOCKED,
/// upserts that must not throw): table names and parameter values written the way EF stores them.
/// </summary>
public static class PlatformSql
{
    public static string Table(DatabaseProvider provider, string name) =>
        provider == DatabaseProvider.Postgres ? $"{PlatformDb.SchemaName}.{name}" : $"{PlatformDb.SchemaName}_{name}";

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Adds a parameter; on SQLite a Guid is upper-case text and an instant is UTC text, as EF writes them.</summary>
    public static DbCommand With(this DbCommand command, DatabaseProvider provider, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = (value, provider) switch
        {
            (null, _) => DBNull.Value,
            (Guid g, DatabaseProvider.Sqlite) => g.ToString().ToUpperInvariant(),
            (DateTime d, DatabaseProvider.Sqlite) => d.ToUniversalTime().ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
            (DateTime d, _) => DateTime.SpecifyKind(d.ToUniversalTime(), DateTimeKind.Utc),
            _ => value,
        };
        command.Parameters.Add(parameter);
        return command;
    }

    public static DateTime ReadInstant(DbDataReader reader, int ordinal)
    {
        var value = reader.GetValue(ordinal);
        return value switch
        {
            DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
            string s => DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
            _ => throw new InvalidOperationException($"Not an instant: {value}"),
        };
    }
}
