using Microsoft.EntityFrameworkCore;
using Tandem.Parties.Domain;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Persistence;

namespace Tandem.Parties.Data;

internal abstract class PartiesDb(DbContextOptions options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public const string SchemaName = "parties";

    public override string Schema => SchemaName;

    public DbSet<Party> Parties => Set<Party>();
    public DbSet<PartyContactPoint> ContactPoints => Set<PartyContactPoint>();
    public DbSet<PartyTaxId> TaxIds => Set<PartyTaxId>();

    /// <summary>
    /// Tracks the addresses, contact points and tax ids a change added to a loaded party as new rows: their ids are
    /// set when created, so change detection alone would take them for existing rows to update.
    /// </summary>
    public void TrackNewDetails(Party party)
    {
        // Detection must not run first: it would discover the new rows through the party and mark them modified.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var detail in party.Addresses.Cast<object>().Concat(party.ContactPoints).Concat(party.TaxIds))
            {
                if (Entry(detail).State == EntityState.Detached)
                    Add(detail);
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

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
            party.Property(p => p.NormalizedName).HasMaxLength(200);
            // Duplicate detection looks candidates up by each normalised key.
            party.HasIndex(p => new { p.CompanyId, p.NormalizedName });
            party.PrimitiveCollection(p => p.Tags);
            party.MapCustomFields(p => p.CustomFields, Database.IsNpgsql());
            party.HasMany(p => p.Addresses).WithOne().HasForeignKey(a => a.PartyId).OnDelete(DeleteBehavior.Cascade);
            party.HasMany(p => p.ContactPoints).WithOne().HasForeignKey(c => c.PartyId).OnDelete(DeleteBehavior.Cascade);
            party.HasMany(p => p.TaxIds).WithOne().HasForeignKey(t => t.PartyId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PartyAddress>(address =>
        {
            address.ToTable("address");
            address.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
            address.Property(a => a.Line1).HasMaxLength(200);
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.PostalCode).HasMaxLength(20);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.Region).HasMaxLength(100);
            address.Property(a => a.Country).HasMaxLength(2);
        });
        modelBuilder.Entity<PartyContactPoint>(point =>
        {
            point.ToTable("contact_point");
            point.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            point.Property(c => c.Value).HasMaxLength(254);
            point.Property(c => c.Label).HasMaxLength(40);
            point.Property(c => c.MatchKey).HasMaxLength(254);
            point.Property(c => c.EmailDomain).HasMaxLength(254);
            point.HasIndex(c => new { c.CompanyId, c.MatchKey });
            point.HasIndex(c => new { c.CompanyId, c.EmailDomain });
        });
        modelBuilder.Entity<PartyTaxId>(taxId =>
        {
            taxId.ToTable("tax_id");
            taxId.Property(t => t.Value).HasMaxLength(40);
            taxId.Property(t => t.Scheme).HasMaxLength(20);
            taxId.Property(t => t.MatchKey).HasMaxLength(40);
            taxId.HasIndex(t => new { t.CompanyId, t.MatchKey });
        });
    }
}

internal sealed class PartiesDbSqlite(DbContextOptions<PartiesDbSqlite> options, ModuleDbServices services) : PartiesDb(options, services);

internal sealed class PartiesDbPostgres(DbContextOptions<PartiesDbPostgres> options, ModuleDbServices services) : PartiesDb(options, services);

internal sealed class PartiesDbSqliteFactory() : DesignTimeDbFactory<PartiesDbSqlite>(DatabaseProvider.Sqlite, PartiesDb.SchemaName);

internal sealed class PartiesDbPostgresFactory() : DesignTimeDbFactory<PartiesDbPostgres>(DatabaseProvider.Postgres, PartiesDb.SchemaName);
