using Npgsql;

namespace Tandem.Platform.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from <c>Tandem:Database</c>; the connection string comes from <c>ConnectionStrings:Tandem</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Tandem:Database";
    public const string DefaultSqlite = "Data Source=data/tandem.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = DefaultSqlite;

    /// <summary>
    /// The connection string with what Tandem expects of PostgreSQL unless the operator set it: statements run often
    /// are prepared once per connection (<c>Max Auto Prepare</c>), which halves the database's work for a page of
    /// small indexed reads such as the customer-360 overview.
    /// </summary>
    public static string WithDefaults(DatabaseProvider provider, string connectionString)
    {
        if (provider != DatabaseProvider.Postgres)
            return connectionString;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }
}
