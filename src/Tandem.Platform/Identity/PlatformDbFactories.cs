using Tandem.Platform.Persistence;

namespace Tandem.Platform.Identity;

internal sealed class PlatformDbSqliteFactory() : DesignTimeDbFactory<PlatformDbSqlite>(DatabaseProvider.Sqlite, PlatformDb.SchemaName);

internal sealed class PlatformDbPostgresFactory() : DesignTimeDbFactory<PlatformDbPostgres>(DatabaseProvider.Postgres, PlatformDb.SchemaName);
