using Microsoft.EntityFrameworkCore;
using Tandem.Accounting.Domain;
using Tandem.Platform.Persistence;

namespace Tandem.Accounting.Data;

internal abstract class AccountingDb(DbContextOptions options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public const string SchemaName = "accounting";

    public override string Schema => SchemaName;

    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<FiscalPeriod> Periods => Set<FiscalPeriod>();
    public DbSet<JournalEntry> Entries => Set<JournalEntry>();
    public DbSet<JournalLine> Lines => Set<JournalLine>();
    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();
    public DbSet<Tax> Taxes => Set<Tax>();
    public DbSet<PaymentTerm> PaymentTerms => Set<PaymentTerm>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<OpenItem> OpenItems => Set<OpenItem>();
    public DbSet<OpenItemChange> OpenItemChanges => Set<OpenItemChange>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentAllocation> PaymentAllocations => Set<PaymentAllocation>();
    public DbSet<LedgerSettings> Settings => Set<LedgerSettings>();
    public DbSet<CreditLimit> CreditLimits => Set<CreditLimit>();
    public DbSet<Budget> Budgets => Set<Budget>();

    /// <summary>Not company-filtered by the model (no <c>Entity</c>): every query filters on <see cref="CompanyId"/> itself.</summary>
    public DbSet<AccountBalance> Balances => Set<AccountBalance>();

    public Guid CompanyId => CurrentCompanyId;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("account");
            account.Property(a => a.Code).HasMaxLength(20);
            account.Property(a => a.Name).HasMaxLength(200);
            account.Property(a => a.Type).HasConversion<string>().HasMaxLength(20);
            account.Property(a => a.Role).HasConversion<string>().HasMaxLength(40);
            account.HasIndex(a => new { a.CompanyId, a.Code }).IsUnique();
            account.HasOne<Account>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<FiscalPeriod>(period =>
        {
            period.ToTable("fiscal_period");
            period.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            period.HasIndex(p => new { p.CompanyId, p.FiscalYear, p.Number }).IsUnique();
            period.HasIndex(p => new { p.CompanyId, p.StartDate }).IsUnique();
        });

        modelBuilder.Entity<JournalEntry>(entry =>
        {
            entry.ToTable("journal_entry");
            entry.Property(e => e.Id).ValueGeneratedNever();
            entry.Property(e => e.Number).HasMaxLength(20);
            entry.Property(e => e.Description).HasMaxLength(400);
            entry.Property(e => e.Reference).HasMaxLength(100);
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            entry.HasIndex(e => new { e.CompanyId, e.Number }).IsUnique();
            entry.HasIndex(e => new { e.CompanyId, e.Date, e.Id });
            entry.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.EntryId).OnDelete(DeleteBehavior.Cascade);
            entry.Navigation(e => e.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
            entry.Ignore(e => e.TotalDebit);
            entry.Ignore(e => e.TotalCredit);
        });

        modelBuilder.Entity<JournalLine>(line =>
        {
            line.ToTable("journal_line");
            // Lines get their id in code; a draft's replaced lines must be inserted, not taken for existing rows.
            line.Property(l => l.Id).ValueGeneratedNever();
            line.Property(l => l.Dimension).HasMaxLength(60);
            line.Property(l => l.Description).HasMaxLength(200);
            // The general ledger and the drill-down read one account's posted lines in a date range.
            line.HasIndex(l => new { l.CompanyId, l.AccountId, l.IsPosted, l.Date });
            line.HasIndex(l => new { l.CompanyId, l.Period, l.Date });
            line.HasIndex(l => new { l.CompanyId, l.PartyId });
            line.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ExchangeRate>(rate =>
        {
            rate.ToTable("exchange_rate");
            rate.Property(r => r.Rate).HasPrecision(28, 8);
            rate.HasIndex(r => new { r.CompanyId, r.Currency, r.Date }).IsUnique();
        });

        modelBuilder.Entity<Tax>(tax =>
        {
            tax.ToTable("tax");
            tax.Property(t => t.Code).HasMaxLength(20);
            tax.Property(t => t.Name).HasMaxLength(100);
            tax.HasIndex(t => new { t.CompanyId, t.Code }).IsUnique();
        });

        modelBuilder.Entity<PaymentTerm>(term =>
        {
            term.ToTable("payment_term");
            term.Property(t => t.Code).HasMaxLength(20);
            term.Property(t => t.Name).HasMaxLength(100);
            term.Property(t => t.Instalments).HasMaxLength(400);
            term.HasIndex(t => new { t.CompanyId, t.Code }).IsUnique();
        });

        modelBuilder.Entity<Invoice>(invoice =>
        {
            invoice.ToTable("invoice");
            invoice.Property(i => i.Id).ValueGeneratedNever();
            invoice.Property(i => i.Kind).HasConversion<string>().HasMaxLength(30);
            invoice.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
            invoice.Property(i => i.Number).HasMaxLength(20);
            invoice.Property(i => i.Reference).HasMaxLength(100);
            invoice.Property(i => i.Rate).HasPrecision(28, 8);
            invoice.HasIndex(i => new { i.CompanyId, i.Number }).IsUnique();
            invoice.HasIndex(i => new { i.CompanyId, i.Date, i.Id });
            // A customer's documents, newest first (the customer-360 page), and everything of a party (merge).
            invoice.HasIndex(i => new { i.CompanyId, i.PartyId, i.Date });
            invoice.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
            invoice.Navigation(i => i.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
            invoice.Ignore(i => i.IsCustomer);
            invoice.Ignore(i => i.Sign);
        });

        modelBuilder.Entity<InvoiceLine>(line =>
        {
            line.ToTable("invoice_line");
            line.Property(l => l.Id).ValueGeneratedNever();
            line.Property(l => l.Description).HasMaxLength(200);
            line.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<OpenItem>(item =>
        {
            item.ToTable("open_item");
            item.Property(i => i.DocumentNumber).HasMaxLength(20);
            // Aged reports and allocation read the open items of one side, by party and due date.
            item.HasIndex(i => new { i.CompanyId, i.IsReceivable, i.PartyId, i.DueDate });
            item.HasIndex(i => new { i.CompanyId, i.InvoiceId });
            // The aged reports sum the open items only, a small share of all once invoices are paid: on PostgreSQL a
            // partial index holds everything they read. (SQLite compares decimals through a function, so it cannot use one.)
            if (Database.IsNpgsql())
                item.HasIndex(i => new { i.CompanyId, i.IsReceivable, i.PartyId }, "ix_open_item_open")
                    .HasFilter("open_amount <> 0")
                    .IncludeProperties(i => new { i.DueDate, i.Date, i.OpenCompanyAmount });
            item.HasMany(i => i.Changes).WithOne().HasForeignKey(c => c.OpenItemId).OnDelete(DeleteBehavior.Cascade);
            item.Navigation(i => i.Changes).HasField("_changes").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<OpenItemChange>(change =>
        {
            change.ToTable("open_item_change");
            change.Property(c => c.Id).ValueGeneratedNever();
            change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            // Ageing at a past date adds back the changes dated after it: a range read on the date.
            change.HasIndex(c => new { c.CompanyId, c.Date, c.OpenItemId });
            change.HasIndex(c => c.OpenItemId);
        });

        modelBuilder.Entity<Payment>(payment =>
        {
            payment.ToTable("payment");
            payment.Property(p => p.Id).ValueGeneratedNever();
            payment.Property(p => p.Number).HasMaxLength(20);
            payment.Property(p => p.Reference).HasMaxLength(100);
            payment.Property(p => p.Direction).HasConversion<string>().HasMaxLength(10);
            payment.Property(p => p.Rate).HasPrecision(28, 8);
            payment.HasIndex(p => new { p.CompanyId, p.Number }).IsUnique();
            payment.HasIndex(p => new { p.CompanyId, p.Date, p.Id });
            payment.HasIndex(p => new { p.CompanyId, p.PartyId, p.Date });
            payment.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Cascade);
            payment.Navigation(p => p.Allocations).HasField("_allocations").UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<PaymentAllocation>(allocation =>
        {
            allocation.ToTable("payment_allocation");
            allocation.Property(a => a.Id).ValueGeneratedNever();
            allocation.Property(a => a.DocumentNumber).HasMaxLength(20);
            allocation.HasIndex(a => new { a.CompanyId, a.InvoiceId });
        });

        modelBuilder.Entity<LedgerSettings>(settings => settings.ToTable("settings"));

        modelBuilder.Entity<CreditLimit>(limit =>
        {
            limit.ToTable("credit_limit");
            limit.HasIndex(l => new { l.CompanyId, l.PartyId }).IsUnique();
        });

        modelBuilder.Entity<Budget>(budget =>
        {
            budget.ToTable("budget");
            budget.HasIndex(b => new { b.CompanyId, b.AccountId, b.Period }).IsUnique();
            budget.HasIndex(b => new { b.CompanyId, b.Period });
        });

        modelBuilder.Entity<AccountBalance>(balance =>
        {
            balance.ToTable("account_balance");
            balance.HasKey(b => new { b.CompanyId, b.AccountId, b.Period, b.Currency, b.PartyId });
            balance.Property(b => b.Currency).HasMaxLength(3);
            balance.HasIndex(b => new { b.CompanyId, b.Period });
        });
    }
}

internal sealed class AccountingDbSqlite(DbContextOptions<AccountingDbSqlite> options, ModuleDbServices services) : AccountingDb(options, services);

internal sealed class AccountingDbPostgres(DbContextOptions<AccountingDbPostgres> options, ModuleDbServices services) : AccountingDb(options, services);

internal sealed class AccountingDbSqliteFactory() : DesignTimeDbFactory<AccountingDbSqlite>(DatabaseProvider.Sqlite, AccountingDb.SchemaName);

internal sealed class AccountingDbPostgresFactory() : DesignTimeDbFactory<AccountingDbPostgres>(DatabaseProvider.Postgres, AccountingDb.SchemaName);
