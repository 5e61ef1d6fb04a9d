using Microsoft.EntityFrameworkCore;
using Tandem.Catalog.Domain;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Persistence;

namespace Tandem.Catalog.Data;

internal abstract class CatalogDb(DbContextOptions options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public const string SchemaName = "catalog";

    public override string Schema => SchemaName;

    public DbSet<Product> Products => Set<Product>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<UnitOfMeasure> Units => Set<UnitOfMeasure>();
    public DbSet<PriceList> PriceLists => Set<PriceList>();
    public DbSet<PriceListItem> PriceListItems => Set<PriceListItem>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(product =>
        {
            product.ToTable("product");
            product.Property(p => p.Sku).HasMaxLength(40);
            product.Property(p => p.Name).HasMaxLength(200);
            product.Property(p => p.Unit).HasMaxLength(20);
            product.Property(p => p.Category).HasMaxLength(400);
            product.HasIndex(p => new { p.CompanyId, p.CategoryId });
            product.MapCustomFields(p => p.CustomFields, Database.IsNpgsql());
            product.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            product.ComplexProperty(p => p.ListPrice, price =>
            {
                price.Property(m => m.Amount).HasPrecision(28, 4);
                price.Property(m => m.Currency).HasMaxLength(3);
            });
            product.HasIndex(p => new { p.CompanyId, p.Sku }).IsUnique();
            product.HasIndex(p => new { p.CompanyId, p.Name, p.Id });
        });
        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("category");
            category.Property(c => c.Name).HasMaxLength(100);
            category.Property(c => c.Path).HasMaxLength(400);
            category.HasIndex(c => new { c.CompanyId, c.Path }).IsUnique();
        });
        modelBuilder.Entity<UnitOfMeasure>(unit =>
        {
            unit.ToTable("unit");
            unit.Property(u => u.Code).HasMaxLength(20);
            unit.Property(u => u.Name).HasMaxLength(100);
            unit.Property(u => u.Dimension).HasMaxLength(40);
            unit.Property(u => u.Factor).HasPrecision(28, 6);
            unit.HasIndex(u => new { u.CompanyId, u.Code }).IsUnique();
        });
        modelBuilder.Entity<PriceList>(list =>
        {
            list.ToTable("price_list");
            list.Property(l => l.Code).HasMaxLength(20);
            list.Property(l => l.Name).HasMaxLength(100);
            list.HasIndex(l => new { l.CompanyId, l.Code, l.ValidFrom });
            list.HasMany(l => l.Items).WithOne().HasForeignKey(i => i.PriceListId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PriceListItem>(item =>
        {
            item.ToTable("price_list_item");
            item.Property(i => i.MinQuantity).HasPrecision(28, 4);
            item.Property(i => i.Price).HasPrecision(28, 4);
            item.HasIndex(i => new { i.PriceListId, i.ProductId, i.MinQuantity }).IsUnique();
        });
    }
}

internal sealed class CatalogDbSqlite(DbContextOptions<CatalogDbSqlite> options, ModuleDbServices services) : CatalogDb(options, services);

internal sealed class CatalogDbPostgres(DbContextOptions<CatalogDbPostgres> options, ModuleDbServices services) : CatalogDb(options, services);

internal sealed class CatalogDbSqliteFactory() : DesignTimeDbFactory<CatalogDbSqlite>(DatabaseProvider.Sqlite, CatalogDb.SchemaName);

internal sealed class CatalogDbPostgresFactory() : DesignTimeDbFactory<CatalogDbPostgres>(DatabaseProvider.Postgres, CatalogDb.SchemaName);
