using Microsoft.EntityFrameworkCore;
using Tandem.Inventory.Domain;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Inventory.Data;

internal abstract class InventoryDb(DbContextOptions options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public const string SchemaName = "inventory";

    public override string Schema => SchemaName;

    public Guid CompanyId => CurrentCompanyId;

    public DbSet<Warehouse> Warehouses => Set<Warehouse>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<ProductSettings> ProductSettings => Set<ProductSettings>();
    public DbSet<CategoryValuation> CategoryValuations => Set<CategoryValuation>();
    public DbSet<ReorderRule> ReorderRules => Set<ReorderRule>();
    public DbSet<StockMove> Moves => Set<StockMove>();
    public DbSet<StockMoveLine> MoveLines => Set<StockMoveLine>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<StockQuant> Quants => Set<StockQuant>();
    public DbSet<StockLevel> Levels => Set<StockLevel>();
    public DbSet<ValuationLayer> Layers => Set<ValuationLayer>();
    public DbSet<ProductValuation> Valuations => Set<ProductValuation>();
    public DbSet<CountSheet> Counts => Set<CountSheet>();
    public DbSet<CountLine> CountLines => Set<CountLine>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Warehouse>(warehouse =>
        {
            warehouse.ToTable("warehouse");
            warehouse.Property(w => w.Code).HasMaxLength(10);
            warehouse.Property(w => w.Name).HasMaxLength(100);
            warehouse.HasIndex(w => new { w.CompanyId, w.Code }).IsUnique();
        });
        modelBuilder.Entity<Location>(location =>
        {
            location.ToTable("location");
            location.Property(l => l.Name).HasMaxLength(100);
            location.Property(l => l.Path).HasMaxLength(400);
            location.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
            location.Ignore(l => l.IsInternal);
            location.HasIndex(l => new { l.CompanyId, l.Path }).IsUnique();
            location.HasIndex(l => new { l.CompanyId, l.WarehouseId });
        });
        modelBuilder.Entity<ProductSettings>(settings =>
        {
            settings.ToTable("product_settings");
            settings.Property(s => s.Tracking).HasConversion<string>().HasMaxLength(10);
            settings.Property(s => s.Valuation).HasConversion<string>().HasMaxLength(10);
            settings.HasIndex(s => new { s.CompanyId, s.ProductId }).IsUnique();
        });
        modelBuilder.Entity<CategoryValuation>(category =>
        {
            category.ToTable("category_valuation");
            category.Property(c => c.Category).HasMaxLength(400);
            category.Property(c => c.Method).HasConversion<string>().HasMaxLength(10);
            category.HasIndex(c => new { c.CompanyId, c.Category }).IsUnique();
        });
        modelBuilder.Entity<ReorderRule>(rule =>
        {
            rule.ToTable("reorder_rule");
            rule.HasIndex(r => new { r.CompanyId, r.ProductId, r.WarehouseId }).IsUnique();
        });
        modelBuilder.Entity<StockMove>(move =>
        {
            move.ToTable("stock_move");
            move.Property(m => m.Number).HasMaxLength(20);
            move.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
            move.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            move.Property(m => m.EnteredUnit).HasMaxLength(20);
            move.Property(m => m.Reference).HasMaxLength(100);
            move.Property(m => m.SourceType).HasMaxLength(40);
            move.Property(m => m.EntryNumber).HasMaxLength(40);
            move.Ignore(m => m.IsOpen);
            move.HasMany(m => m.Lines).WithOne().HasForeignKey(l => l.MoveId).OnDelete(DeleteBehavior.Cascade);
            move.Navigation(m => m.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
            move.HasIndex(m => new { m.CompanyId, m.Number }).IsUnique();
            move.HasIndex(m => new { m.CompanyId, m.ProductId, m.Status, m.ScheduledDate });
            move.HasIndex(m => new { m.CompanyId, m.Status, m.Kind, m.ScheduledDate, m.Id });
            move.HasIndex(m => new { m.CompanyId, m.SourceType, m.SourceId });
        });
        modelBuilder.Entity<StockMoveLine>(line =>
        {
            line.ToTable("stock_move_line");
            line.HasIndex(l => new { l.CompanyId, l.LotId });
        });
        modelBuilder.Entity<Lot>(lot =>
        {
            lot.ToTable("lot");
            lot.Property(l => l.Number).HasMaxLength(60);
            lot.HasIndex(l => new { l.CompanyId, l.ProductId, l.Number }).IsUnique();
        });
        modelBuilder.Entity<StockQuant>(quant =>
        {
            quant.ToTable("stock_quant");
            quant.HasIndex(q => new { q.CompanyId, q.ProductId, q.LocationId, q.LotId }).IsUnique();
            quant.HasIndex(q => new { q.CompanyId, q.LocationId, q.ProductId });
            quant.HasIndex(q => new { q.CompanyId, q.LotId });
        });
        modelBuilder.Entity<StockLevel>(level =>
        {
            level.ToTable("stock_level");
            level.HasIndex(l => new { l.CompanyId, l.ProductId, l.LocationId }).IsUnique();
            level.HasIndex(l => new { l.CompanyId, l.WarehouseId, l.ProductId });
        });
        modelBuilder.Entity<ValuationLayer>(layer =>
        {
            layer.ToTable("valuation_layer");
            layer.HasIndex(l => new { l.CompanyId, l.ProductId, l.Sequence });
            layer.HasIndex(l => new { l.CompanyId, l.MoveId });
        });
        modelBuilder.Entity<ProductValuation>(valuation =>
        {
            valuation.ToTable("product_valuation");
            valuation.HasIndex(v => new { v.CompanyId, v.ProductId }).IsUnique();
        });
        modelBuilder.Entity<CountSheet>(sheet =>
        {
            sheet.ToTable("count_sheet");
            sheet.Property(s => s.Number).HasMaxLength(20);
            sheet.Property(s => s.Status).HasConversion<string>().HasMaxLength(10);
            sheet.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.SheetId).OnDelete(DeleteBehavior.Cascade);
            sheet.Navigation(s => s.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
            sheet.HasIndex(s => new { s.CompanyId, s.Number }).IsUnique();
        });
        modelBuilder.Entity<CountLine>(line => line.ToTable("count_line"));
        // Ids are made in code: a line added to a loaded move or count sheet is an insert, not an update.
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
            modelBuilder.Entity(entityType.ClrType).Property(nameof(Entity.Id)).ValueGeneratedNever();
    }
}

internal sealed class InventoryDbSqlite(DbContextOptions<InventoryDbSqlite> options, ModuleDbServices services) : InventoryDb(options, services);

internal sealed class InventoryDbPostgres(DbContextOptions<InventoryDbPostgres> options, ModuleDbServices services) : InventoryDb(options, services);

internal sealed class InventoryDbSqliteFactory() : DesignTimeDbFactory<InventoryDbSqlite>(DatabaseProvider.Sqlite, InventoryDb.SchemaName);

internal sealed class InventoryDbPostgresFactory() : DesignTimeDbFactory<InventoryDbPostgres>(DatabaseProvider.Postgres, InventoryDb.SchemaName);
