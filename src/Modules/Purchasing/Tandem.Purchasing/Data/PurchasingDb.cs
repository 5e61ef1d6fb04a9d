using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Persistence;
using Tandem.Purchasing.Domain;
using Tandem.SharedKernel;

namespace Tandem.Purchasing.Data;

internal abstract class PurchasingDb(DbContextOptions options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public const string SchemaName = "purchasing";

    public override string Schema => SchemaName;

    public Guid CompanyId => CurrentCompanyId;

    public DbSet<PurchasingSettings> Settings => Set<PurchasingSettings>();
    public DbSet<SupplierPrice> Prices => Set<SupplierPrice>();
    public DbSet<PurchaseOrder> Orders => Set<PurchaseOrder>();
    public DbSet<PurchaseOrderLine> OrderLines => Set<PurchaseOrderLine>();
    public DbSet<PurchaseReceipt> Receipts => Set<PurchaseReceipt>();
    public DbSet<PurchaseReceiptLine> ReceiptLines => Set<PurchaseReceiptLine>();
    public DbSet<BillMatch> Matches => Set<BillMatch>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PurchasingSettings>(settings =>
        {
            settings.ToTable("settings");
            settings.HasIndex(s => s.CompanyId).IsUnique();
        });
        modelBuilder.Entity<SupplierPrice>(price =>
        {
            price.ToTable("supplier_price");
            price.HasIndex(p => new { p.CompanyId, p.ProductId, p.SupplierId });
            price.HasIndex(p => new { p.CompanyId, p.SupplierId });
        });
        modelBuilder.Entity<PurchaseOrder>(order =>
        {
            order.ToTable("purchase_order");
            order.Property(o => o.Number).HasMaxLength(20);
            order.Property(o => o.Reference).HasMaxLength(100);
            order.Property(o => o.ApprovedBy).HasMaxLength(200);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            order.Ignore(o => o.IsReceivable);
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
            order.HasIndex(o => new { o.CompanyId, o.Number }).IsUnique();
            order.HasIndex(o => new { o.CompanyId, o.Status, o.OrderDate, o.Id });
            order.HasIndex(o => new { o.CompanyId, o.OrderDate, o.Id });
            order.HasIndex(o => new { o.CompanyId, o.SupplierId });
        });
        modelBuilder.Entity<PurchaseOrderLine>(line =>
        {
            line.ToTable("purchase_order_line");
            line.Property(l => l.Description).HasMaxLength(200);
            line.Ignore(l => l.Backorder);
            line.HasIndex(l => new { l.CompanyId, l.ProductId });
        });
        modelBuilder.Entity<PurchaseReceipt>(receipt =>
        {
            receipt.ToTable("receipt");
            receipt.Property(r => r.Number).HasMaxLength(20);
            receipt.Property(r => r.Note).HasMaxLength(200);
            receipt.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReceiptId).OnDelete(DeleteBehavior.Cascade);
            receipt.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
            receipt.HasIndex(r => new { r.CompanyId, r.Number }).IsUnique();
            receipt.HasIndex(r => new { r.CompanyId, r.OrderId });
        });
        modelBuilder.Entity<PurchaseReceiptLine>(line =>
        {
            line.ToTable("receipt_line");
            line.Property(l => l.MoveNumber).HasMaxLength(20);
            line.Property(l => l.Lots).HasMaxLength(2000);
            line.HasIndex(l => new { l.CompanyId, l.OrderLineId });
        });
        modelBuilder.Entity<BillMatch>(match =>
        {
            match.ToTable("bill_match");
            match.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
            match.Property(m => m.Reason).HasMaxLength(4000);
            match.Property(m => m.Orders).HasMaxLength(400);
            match.Property(m => m.ReleaseNote).HasMaxLength(500);
            match.Property(m => m.ReleasedBy).HasMaxLength(200);
            match.Ignore(m => m.OnHold);
            match.HasIndex(m => new { m.CompanyId, m.BillId }).IsUnique();
            match.HasIndex(m => new { m.CompanyId, m.Status });
        });
        // Ids are made in code: a line added to a loaded order or receipt is an insert, not an update.
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
            modelBuilder.Entity(entityType.ClrType).Property(nameof(Entity.Id)).ValueGeneratedNever();
    }
}

internal sealed class PurchasingDbSqlite(DbContextOptions<PurchasingDbSqlite> options, ModuleDbServices services) : PurchasingDb(options, services);

internal sealed class PurchasingDbPostgres(DbContextOptions<PurchasingDbPostgres> options, ModuleDbServices services) : PurchasingDb(options, services);

internal sealed class PurchasingDbSqliteFactory() : DesignTimeDbFactory<PurchasingDbSqlite>(DatabaseProvider.Sqlite, PurchasingDb.SchemaName);

internal sealed class PurchasingDbPostgresFactory() : DesignTimeDbFactory<PurchasingDbPostgres>(DatabaseProvider.Postgres, PurchasingDb.SchemaName);
