using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Domain;
using Tandem.Platform.Persistence;

namespace Tandem.Catalog.Data;

internal abstract class CatalogDb(DbContextOptions options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public const string SchemaName = "catalog";

    public override string Schema => SchemaName;

    public DbSet<Product> Products => Set<Product>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(product =>
        {
            product.ToTable("product");
            product.Property(p => p.Sku).HasMaxLength(40);
            product.Property(p => p.Name).HasMaxLength(200);
            product.Property(p => p.Unit).HasMaxLength(20);
            product.Property(p => p.Category).HasMaxLength(100);
            product.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            product.ComplexProperty(p => p.ListPrice, price =>
            {
                price.Property(m => m.Amount).HasPrecision(28, 4);
                price.Property(m => m.Currency).HasMaxLength(3);
            });
            product.HasIndex(p => new { p.CompanyId, p.Sku }).IsUnique();
            product.HasIndex(p => new { p.CompanyId, p.Name, p.Id });
        });
    }
}

internal sealed class CatalogDbSqlite(DbContextOptions<CatalogDbSqlite> options, ModuleDbServices services) : CatalogDb(options, services);

internal sealed class CatalogDbPostgres(DbContextOptions<CatalogDbPostgres> options, ModuleDbServices services) : CatalogDb(options, services);

internal sealed class CatalogDbSqliteFactory() : DesignTimeDbFactory<CatalogDbSqlite>(DatabaseProvider.Sqlite, CatalogDb.SchemaName);

internal sealed class CatalogDbPostgresFactory() : DesignTimeDbFactory<CatalogDbPostgres>(DatabaseProvider.Postgres, CatalogDb.SchemaName);
