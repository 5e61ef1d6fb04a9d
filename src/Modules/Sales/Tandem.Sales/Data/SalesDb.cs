using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Persistence;
using Tandem.Sales.Domain;
using Tandem.SharedKernel;

namespace Tandem.Sales.Data;

internal abstract class SalesDb(DbContextOptions options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public const string SchemaName = "sales";

    public override string Schema => SchemaName;

    public Guid CompanyId => CurrentCompanyId;

    public DbSet<CustomerTerms> Customers => Set<CustomerTerms>();
    public DbSet<Quote> Quotes => Set<Quote>();
    public DbSet<QuoteLine> QuoteLines => Set<QuoteLine>();
    public DbSet<SalesOrder> Orders => Set<SalesOrder>();
    public DbSet<SalesOrderLine> OrderLines => Set<SalesOrderLine>();
    public DbSet<OrderMove> Moves => Set<OrderMove>();
    public DbSet<OrderInvoice> Invoices => Set<OrderInvoice>();
    public DbSet<CreditApproval> Approvals => Set<CreditApproval>();
    public DbSet<ReturnAuthorisation> Returns => Set<ReturnAuthorisation>();
    public DbSet<ReturnLine> ReturnLines => Set<ReturnLine>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CustomerTerms>(terms =>
        {
            terms.ToTable("customer");
            terms.Property(t => t.PriceList).HasMaxLength(50);
            terms.Property(t => t.Currency).HasMaxLength(3);
            terms.HasIndex(t => new { t.CompanyId, t.PartyId }).IsUnique();
        });
        modelBuilder.Entity<Quote>(quote =>
        {
            quote.ToTable("quote");
            quote.Property(q => q.Number).HasMaxLength(20);
            quote.Property(q => q.Notes).HasMaxLength(4000);
            quote.Property(q => q.RejectionReason).HasMaxLength(400);
            quote.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
            quote.Ignore(q => q.Label);
            quote.HasMany(q => q.Lines).WithOne().HasForeignKey(l => l.QuoteId).OnDelete(DeleteBehavior.Cascade);
            quote.Navigation(q => q.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
            quote.HasIndex(q => new { q.CompanyId, q.Number, q.Revision }).IsUnique();
            quote.HasIndex(q => new { q.CompanyId, q.QuoteDate, q.Id });
            quote.HasIndex(q => new { q.CompanyId, q.PartyId, q.Status });
            quote.HasIndex(q => new { q.CompanyId, q.OpportunityId });
        });
        modelBuilder.Entity<QuoteLine>(line =>
        {
            line.ToTable("quote_line");
            line.Property(l => l.Description).HasMaxLength(200);
            line.Property(l => l.Unit).HasMaxLength(20);
            line.Property(l => l.PriceSource).HasMaxLength(20);
            line.Property(l => l.TaxCode).HasMaxLength(20);
            line.Property(l => l.PromiseBasis).HasMaxLength(20);
            line.Ignore(l => l.Tax);
        });
        modelBuilder.Entity<SalesOrder>(order =>
        {
            order.ToTable("sales_order");
            order.Property(o => o.Number).HasMaxLength(20);
            order.Property(o => o.QuoteNumber).HasMaxLength(40);
            order.Property(o => o.Notes).HasMaxLength(4000);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
            order.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
            order.HasIndex(o => new { o.CompanyId, o.Number }).IsUnique();
            order.HasIndex(o => new { o.CompanyId, o.OrderDate, o.Id });
            order.HasIndex(o => new { o.CompanyId, o.Status, o.OrderDate, o.Id });
            order.HasIndex(o => new { o.CompanyId, o.PartyId, o.Status });
            // The credit check sums a customer's committed orders per currency: on PostgreSQL a partial index holds just
            // those rows with what is summed, so the check reads a few index entries and no table pages.
            if (Database.IsNpgsql())
                order.HasIndex(o => new { o.CompanyId, o.PartyId, o.Currency }, "ix_sales_order_committed")
                    .HasFilter(SalesOrder.CommittedFilter)
                    .IncludeProperties(o => new { o.Total, o.InvoicedAmount });
        });
        modelBuilder.Entity<SalesOrderLine>(line =>
        {
            line.ToTable("sales_order_line");
            line.Property(l => l.Description).HasMaxLength(200);
            line.Property(l => l.Unit).HasMaxLength(20);
            line.Ignore(l => l.Invoiceable);
            line.Ignore(l => l.Backorder);
            line.Ignore(l => l.UnitCost);
        });
        modelBuilder.Entity<OrderMove>(move =>
        {
            move.ToTable("order_move");
            move.Property(m => m.MoveNumber).HasMaxLength(20);
            move.Property(m => m.Kind).HasMaxLength(10);
            move.Property(m => m.Status).HasMaxLength(10);
            move.Property(m => m.Lots).HasMaxLength(2000);
            move.Ignore(m => m.IsOpen);
            move.HasIndex(m => new { m.CompanyId, m.OrderId });
            move.HasIndex(m => new { m.CompanyId, m.MoveId }).IsUnique();
        });
        modelBuilder.Entity<OrderInvoice>(invoice =>
        {
            invoice.ToTable("order_invoice");
            invoice.Property(i => i.Number).HasMaxLength(30);
            invoice.Property(i => i.Kind).HasMaxLength(12);
            invoice.HasIndex(i => new { i.CompanyId, i.OrderId });
            invoice.HasIndex(i => new { i.CompanyId, i.InvoiceId });
        });
        modelBuilder.Entity<CreditApproval>(approval =>
        {
            approval.ToTable("credit_approval");
            approval.Property(a => a.DocumentType).HasMaxLength(10);
            approval.Property(a => a.DocumentNumber).HasMaxLength(40);
            approval.Property(a => a.Reason).HasMaxLength(1000);
            approval.Property(a => a.RequestedBy).HasMaxLength(200);
            approval.Property(a => a.DecidedBy).HasMaxLength(200);
            approval.Property(a => a.Note).HasMaxLength(400);
            approval.Property(a => a.Status).HasConversion<string>().HasMaxLength(10);
            approval.HasIndex(a => new { a.CompanyId, a.Status, a.RequestedAt });
            approval.HasIndex(a => new { a.CompanyId, a.DocumentId });
        });
        modelBuilder.Entity<ReturnAuthorisation>(ra =>
        {
            ra.ToTable("return_authorisation");
            ra.Property(r => r.Number).HasMaxLength(20);
            ra.Property(r => r.Reason).HasMaxLength(400);
            ra.Property(r => r.CreditNoteNumber).HasMaxLength(30);
            ra.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
            ra.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReturnId).OnDelete(DeleteBehavior.Cascade);
            ra.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
            ra.HasIndex(r => new { r.CompanyId, r.Number }).IsUnique();
            ra.HasIndex(r => new { r.CompanyId, r.OrderId });
        });
        modelBuilder.Entity<ReturnLine>(line =>
        {
            line.ToTable("return_line");
            line.Property(l => l.Description).HasMaxLength(200);
        });
        // Ids are made in code: a line added to a loaded document is an insert, not an update.
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
            modelBuilder.Entity(entityType.ClrType).Property(nameof(Entity.Id)).ValueGeneratedNever();
    }
}

internal sealed class SalesDbSqlite(DbContextOptions<SalesDbSqlite> options, ModuleDbServices services) : SalesDb(options, services);

internal sealed class SalesDbPostgres(DbContextOptions<SalesDbPostgres> options, ModuleDbServices services) : SalesDb(options, services);

internal sealed class SalesDbSqliteFactory() : DesignTimeDbFactory<SalesDbSqlite>(DatabaseProvider.Sqlite, SalesDb.SchemaName);

internal sealed class SalesDbPostgresFactory() : DesignTimeDbFactory<SalesDbPostgres>(DatabaseProvider.Postgres, SalesDb.SchemaName);
