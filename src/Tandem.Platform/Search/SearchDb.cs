using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Persistence;

namespace Tandem.Platform.Search;

/// <summary>
/// Owns the search index's tables and their migrations. The tables hold full-text structures EF does not
/// model (a generated tsvector with a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite),
/// so the migrations are SQL and every read and write goes through <see cref="SearchSql"/>.
/// </summary>
internal abstract class SearchDb(DbContextOptions options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public const string SchemaName = "search";

    public override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}

internal sealed class SearchDbSqlite(DbContextOptions<SearchDbSqlite> options, ModuleDbServices services) : SearchDb(options, services);

internal sealed class SearchDbPostgres(DbContextOptions<SearchDbPostgres> options, ModuleDbServices services) : SearchDb(options, services);

internal sealed class SearchDbSqliteFactory() : DesignTimeDbFactory<SearchDbSqlite>(DatabaseProvider.Sqlite, SearchDb.SchemaName);

internal sealed class SearchDbPostgresFactory() : DesignTimeDbFactory<SearchDbPostgres>(DatabaseProvider.Postgres, SearchDb.SchemaName);
