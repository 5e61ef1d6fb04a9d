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
            line.HasIndex(l => new { l.CompanyId, l.PartyId });
            line.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ExchangeRate>(rate =>
        {
            rate.ToTable("exchange_rate");
            rate.Property(r => r.Rate).HasPrecision(28, 8);
            rate.HasIndex(r => new { r.CompanyId, r.Currency, r.Date }).IsUnique();
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
