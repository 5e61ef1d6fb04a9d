using Microsoft.EntityFrameworkCore;
using Tandem.Parties.Domain;
using Tandem.Platform.Persistence;

namespace Tandem.Parties.Data;

internal abstract class PartiesDb(DbContextOptions options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public const string SchemaName = "parties";

    public override string Schema => SchemaName;

    public DbSet<Party> Parties => Set<Party>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Party>(party =>
        {
            party.ToTable("party");
            party.Property(p => p.Number).HasMaxLength(20);
            party.Property(p => p.Name).HasMaxLength(200);
            party.Property(p => p.Email).HasMaxLength(254);
            party.Property(p => p.Phone).HasMaxLength(40);
            party.Property(p => p.TaxId).HasMaxLength(40);
            party.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            party.HasIndex(p => new { p.CompanyId, p.Number }).IsUnique();
            // Indexes behind the list's keyset sorts.
            party.HasIndex(p => new { p.CompanyId, p.Name, p.Id });
            party.HasIndex(p => new { p.CompanyId, p.CreatedAt, p.Id });
        });
    }
}

internal sealed class PartiesDbSqlite(DbContextOptions<PartiesDbSqlite> options, ModuleDbServices services) : PartiesDb(options, services);

internal sealed class PartiesDbPostgres(DbContextOptions<PartiesDbPostgres> options, ModuleDbServices services) : PartiesDb(options, services);

internal sealed class PartiesDbSqliteFactory() : DesignTimeDbFactory<PartiesDbSqlite>(DatabaseProvider.Sqlite, PartiesDb.SchemaName);

internal sealed class PartiesDbPostgresFactory() : DesignTimeDbFactory<PartiesDbPostgres>(DatabaseProvider.Postgres, PartiesDb.SchemaName);
