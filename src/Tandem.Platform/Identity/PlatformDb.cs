using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Persistence;

namespace Tandem.Platform.Identity;

/// <summary>
/// The platform's own tables: users, companies and memberships, tokens, and (added by their features)
/// the audit trail, number sequences, the outbox and idempotency records. Schema <c>platform</c>.
/// </summary>
public abstract class PlatformDb(DbContextOptions options, DbSession session)
    : IdentityDbContext<TandemUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string SchemaName = "platform";

    public DbSet<Company> Companies => Set<Company>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every server node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Audit.AuditEntry> AuditLog => Set<Audit.AuditEntry>();
    public DbSet<global::Tandem.Platform.CustomFields.CustomFieldDefinition> CustomFields => Set<global::Tandem.Platform.CustomFields.CustomFieldDefinition>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        ModelConventions.Configure(configurationBuilder);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<TandemUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.HasMany(u => u.Memberships).WithOne().HasForeignKey(m => m.UserId);
        });
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");

        builder.Entity<DataProtectionKey>(key =>
        {
            key.ToTable("data_protection_keys");
            key.Property(k => k.Xml).HasColumnType("text");
        });
        builder.Entity<Company>(company =>
        {
            company.ToTable("companies");
            company.Property(c => c.Code).HasMaxLength(20);
            company.Property(c => c.Name).HasMaxLength(200);
            company.Property(c => c.Currency).HasMaxLength(3);
            company.HasIndex(c => c.Code).IsUnique();
        });
        builder.Entity<Membership>(membership =>
        {
            membership.ToTable("memberships");
            membership.HasKey(m => new { m.UserId, m.CompanyId });
            membership.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId);
            membership.PrimitiveCollection(m => m.Roles);
        });
        builder.Entity<ApiToken>(token =>
        {
            token.ToTable("api_tokens");
            token.Property(t => t.Hash).HasMaxLength(64);
            token.Property(t => t.Prefix).HasMaxLength(12);
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasIndex(t => t.UserId);
            token.HasOne<TandemUser>().WithMany().HasForeignKey(t => t.UserId);
        });
        ConfigurePlatformFeatures(builder);
        ModelConventions.Finish(builder, SchemaName, Database.IsNpgsql());
    }

    /// <summary>Where the platform features (audit, numbering, outbox, idempotency) add their tables.</summary>
    private static void ConfigurePlatformFeatures(ModelBuilder builder)
    {
        builder.Entity<Numbering.NumberSequence>(sequence =>
        {
            sequence.ToTable("number_sequences");
            sequence.HasKey(s => new { s.CompanyId, s.Sequence, s.FiscalYear });
            sequence.Property(s => s.Sequence).HasMaxLength(40);
        });
        Outbox.OutboxMessage.Configure(builder);
        Mail.MailMessage.Configure(builder);
        Api.IdempotencyRecord.Configure(builder);
        Audit.AuditEntry.Configure(builder);
        global::Tandem.Platform.CustomFields.CustomFieldDefinition.Configure(builder);
        Webhooks.WebhookSubscription.Configure(builder);
        Webhooks.WebhookDelivery.Configure(builder);
    }

    // Only the data-protection key store saves synchronously; it joins the unit of work if one is open.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        session.Enlist(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await using var unit = await session.BeginAsync(cancellationToken);
        session.Enlist(this);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return written;
    }
}

public sealed class PlatformDbSqlite(DbContextOptions<PlatformDbSqlite> options, DbSession session) : PlatformDb(options, session);

public sealed class PlatformDbPostgres(DbContextOptions<PlatformDbPostgres> options, DbSession session) : PlatformDb(options, session);
