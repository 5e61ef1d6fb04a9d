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
}
