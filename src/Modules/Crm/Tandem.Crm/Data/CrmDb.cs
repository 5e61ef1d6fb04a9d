using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Crm.Domain;
using Tandem.Platform.CustomFields;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Crm.Data;

internal abstract class CrmDb(DbContextOptions options, ModuleDbServices services) : ModuleDbContext(options, services)
{
    public const string SchemaName = "crm";

    public override string Schema => SchemaName;

    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<RecordShare> Shares => Set<RecordShare>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Pipeline> Pipelines => Set<Pipeline>();
    public DbSet<PipelineStage> Stages => Set<PipelineStage>();
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();
    public DbSet<StageChange> StageChanges => Set<StageChange>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<ScoringRule> ScoringRules => Set<ScoringRule>();
    public DbSet<AssignmentRule> AssignmentRules => Set<AssignmentRule>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<Notification> Notifications => Set<Notification>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Team>(team =>
        {
            team.ToTable("team");
            team.Property(t => t.Name).HasMaxLength(100);
            team.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
            team.Navigation(t => t.Members).AutoInclude();
            team.HasIndex(t => new { t.CompanyId, t.Name }).IsUnique();
            team.HasIndex(t => new { t.CompanyId, t.ManagerId });
        });
        modelBuilder.Entity<TeamMember>(member =>
        {
            member.ToTable("team_member");
            member.HasIndex(m => new { m.TeamId, m.UserId }).IsUnique();
            member.HasIndex(m => new { m.CompanyId, m.UserId });
        });
        modelBuilder.Entity<RecordShare>(share =>
        {
            share.ToTable("record_share");
            share.Property(s => s.RecordType).HasMaxLength(20);
            share.HasIndex(s => new { s.CompanyId, s.RecordId, s.UserId }).IsUnique();
            share.HasIndex(s => new { s.CompanyId, s.UserId });
        });
        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("account");
            account.Property(a => a.Name).HasMaxLength(200);
            account.Property(a => a.Industry).HasMaxLength(100);
            account.Property(a => a.Segment).HasMaxLength(100);
            account.Property(a => a.LifecycleStage).HasConversion<string>().HasMaxLength(20);
            account.HasIndex(a => new { a.CompanyId, a.PartyId }).IsUnique();
            account.HasIndex(a => new { a.CompanyId, a.Name, a.Id });
            account.HasIndex(a => new { a.CompanyId, a.CreatedAt, a.Id });
            account.HasIndex(a => new { a.CompanyId, a.OwnerId });
            account.HasIndex(a => new { a.CompanyId, a.TeamId });
            account.HasIndex(a => new { a.CompanyId, a.ParentAccountId });
            account.MapCustomFields(a => a.CustomFields, Database.IsNpgsql());
        });
        modelBuilder.Entity<Contact>(contact =>
        {
            contact.ToTable("contact");
            contact.Property(c => c.Name).HasMaxLength(200);
            contact.Property(c => c.Email).HasMaxLength(254);
            contact.Property(c => c.JobTitle).HasMaxLength(100);
            contact.Property(c => c.Role).HasConversion<string>().HasMaxLength(20);
            contact.HasIndex(c => new { c.CompanyId, c.AccountId, c.Name });
            contact.HasIndex(c => new { c.CompanyId, c.Name, c.Id });
            contact.HasIndex(c => new { c.CompanyId, c.PartyId });
        });
        modelBuilder.Entity<Pipeline>(pipeline =>
        {
            pipeline.ToTable("pipeline");
            pipeline.Property(p => p.Name).HasMaxLength(100);
            pipeline.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Cascade);
            pipeline.Navigation(p => p.Stages).AutoInclude();
            pipeline.HasIndex(p => new { p.CompanyId, p.Name }).IsUnique();
        });
        modelBuilder.Entity<PipelineStage>(stage =>
        {
            stage.ToTable("pipeline_stage");
            stage.Property(s => s.Name).HasMaxLength(100);
            stage.Property(s => s.Kind).HasConversion<string>().HasMaxLength(10);
            stage.HasIndex(s => new { s.PipelineId, s.Order }).IsUnique();
        });
        modelBuilder.Entity<Opportunity>(opportunity =>
        {
            opportunity.ToTable("opportunity");
            opportunity.Property(o => o.Name).HasMaxLength(200);
            opportunity.Property(o => o.LossReason).HasMaxLength(400);
            opportunity.Property(o => o.StageKind).HasConversion<string>().HasMaxLength(10);
            MapMoney(opportunity.ComplexProperty(o => o.Amount));
            MapMoney(opportunity.ComplexProperty(o => o.WeightedAmount));
            opportunity.PrimitiveCollection(o => o.ProductIds);
            opportunity.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OpportunityId).OnDelete(DeleteBehavior.Cascade);
            // The board's columns: one stage's cards in order, first page straight off the index.
            opportunity.HasIndex(o => new { o.CompanyId, o.StageId, o.ExpectedCloseDate, o.Id });
            opportunity.HasIndex(o => new { o.CompanyId, o.Name, o.Id });
            opportunity.HasIndex(o => new { o.CompanyId, o.CreatedAt, o.Id });
            opportunity.HasIndex(o => new { o.CompanyId, o.AccountId });
            opportunity.HasIndex(o => new { o.CompanyId, o.OwnerId, o.CloseMonth });
            opportunity.HasIndex(o => new { o.CompanyId, o.TeamId });
            opportunity.MapCustomFields(o => o.CustomFields, Database.IsNpgsql());
        });
        modelBuilder.Entity<StageChange>(change =>
        {
            change.ToTable("stage_change");
            change.Property(c => c.ToStageName).HasMaxLength(100);
            change.HasIndex(c => new { c.OpportunityId, c.At });
        });
        modelBuilder.Entity<Lead>(lead =>
        {
            lead.ToTable("lead");
            lead.Property(l => l.Name).HasMaxLength(200);
            lead.Property(l => l.Company).HasMaxLength(200);
            lead.Property(l => l.Email).HasMaxLength(254);
            lead.Property(l => l.Phone).HasMaxLength(40);
            lead.Property(l => l.JobTitle).HasMaxLength(100);
            lead.Property(l => l.Source).HasMaxLength(50);
            lead.Property(l => l.Industry).HasMaxLength(100);
            lead.Property(l => l.Country).HasMaxLength(2);
            lead.Property(l => l.DisqualificationReason).HasMaxLength(400);
            lead.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
            lead.HasIndex(l => new { l.CompanyId, l.CreatedAt, l.Id });
            lead.HasIndex(l => new { l.CompanyId, l.Name, l.Id });
            lead.HasIndex(l => new { l.CompanyId, l.Score, l.Id });
            lead.HasIndex(l => new { l.CompanyId, l.Status });
            lead.HasIndex(l => new { l.CompanyId, l.OwnerId });
            lead.HasIndex(l => new { l.CompanyId, l.TeamId });
            lead.MapCustomFields(l => l.CustomFields, Database.IsNpgsql());
            // Duplicate detection: one index lookup per key.
            lead.Property(l => l.CompanyKey).HasMaxLength(200);
            lead.Property(l => l.EmailDomain).HasMaxLength(254);
            lead.Property(l => l.PhoneKey).HasMaxLength(20);
            lead.HasIndex(l => new { l.CompanyId, l.CompanyKey });
            lead.HasIndex(l => new { l.CompanyId, l.Email });
            lead.HasIndex(l => new { l.CompanyId, l.EmailDomain });
            lead.HasIndex(l => new { l.CompanyId, l.PhoneKey });
        });
        modelBuilder.Entity<ScoringRule>(rule =>
        {
            rule.ToTable("scoring_rule");
            rule.Property(r => r.Name).HasMaxLength(100);
            rule.Property(r => r.Field).HasMaxLength(20);
            rule.Property(r => r.Value).HasMaxLength(200);
            rule.Property(r => r.Condition).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<AssignmentRule>(rule =>
        {
            rule.ToTable("assignment_rule");
            rule.Property(r => r.Name).HasMaxLength(100);
            rule.Property(r => r.Country).HasMaxLength(2);
        });
        modelBuilder.Entity<Activity>(activity =>
        {
            activity.ToTable("activity");
            activity.Property(a => a.Subject).HasMaxLength(200);
            activity.Property(a => a.Details).HasMaxLength(4000);
            activity.Property(a => a.Kind).HasConversion<string>().HasMaxLength(10);
            activity.HasIndex(a => new { a.CompanyId, a.AccountId, a.CreatedAt });
            activity.HasIndex(a => new { a.CompanyId, a.LeadId, a.CreatedAt });
            activity.HasIndex(a => new { a.CompanyId, a.OpportunityId, a.CreatedAt });
            activity.HasIndex(a => new { a.CompanyId, a.ContactId, a.CreatedAt });
            activity.HasIndex(a => new { a.CompanyId, a.CreatedAt, a.Id });
            // My day: an assignee's open activities by due date.
            activity.HasIndex(a => new { a.CompanyId, a.AssigneeId, a.Done, a.DueDate });
            // The reminder service: reminders not yet sent, by when they are due, across companies.
            activity.HasIndex(a => new { a.ReminderSentAt, a.RemindAt });
        });
        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("note");
            note.Property(n => n.Text).HasMaxLength(20000);
            note.Property(n => n.AuthorName).HasMaxLength(200);
            note.HasIndex(n => new { n.CompanyId, n.AccountId, n.CreatedAt });
            note.HasIndex(n => new { n.CompanyId, n.LeadId, n.CreatedAt });
            note.HasIndex(n => new { n.CompanyId, n.OpportunityId, n.CreatedAt });
            note.HasIndex(n => new { n.CompanyId, n.ContactId, n.CreatedAt });
            note.HasIndex(n => new { n.CompanyId, n.CreatedAt, n.Id });
        });
        modelBuilder.Entity<Attachment>(attachment =>
        {
            attachment.ToTable("attachment");
            attachment.Property(a => a.FileName).HasMaxLength(255);
            attachment.Property(a => a.ContentType).HasMaxLength(100);
            attachment.Property(a => a.Storage).HasMaxLength(20);
            attachment.HasIndex(a => new { a.CompanyId, a.NoteId });
        });
        modelBuilder.Entity<AttachmentContent>(content =>
        {
            content.ToTable("attachment_content");
            content.HasKey(c => c.AttachmentId);
        });
        modelBuilder.Entity<Notification>(notification =>
        {
            notification.ToTable("notification");
            notification.Property(n => n.Title).HasMaxLength(250);
            notification.Property(n => n.Body).HasMaxLength(400);
            notification.Property(n => n.Url).HasMaxLength(200);
            // A user's inbox, newest first, and the unread count of the bell.
            notification.HasIndex(n => new { n.CompanyId, n.UserId, n.CreatedAt, n.Id });
            notification.HasIndex(n => new { n.CompanyId, n.UserId, n.ReadAt });
            notification.HasIndex(n => new { n.CompanyId, n.ActivityId }).IsUnique();
        });
        // Ids are made in code when a record is created. Saying so lets EF see a stage change or team member
        // added to a loaded aggregate as new (an insert), not as an existing row to update.
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
            modelBuilder.Entity(entityType.ClrType).Property(nameof(Entity.Id)).ValueGeneratedNever();
    }

    private static void MapMoney(ComplexPropertyBuilder<Money> money)
    {
        money.Property(m => m.Amount).HasPrecision(28, 4);
        money.Property(m => m.Currency).HasMaxLength(3);
    }
}

internal sealed class CrmDbSqlite(DbContextOptions<CrmDbSqlite> options, ModuleDbServices services) : CrmDb(options, services);

internal sealed class CrmDbPostgres(DbContextOptions<CrmDbPostgres> options, ModuleDbServices services) : CrmDb(options, services);

internal sealed class CrmDbSqliteFactory() : DesignTimeDbFactory<CrmDbSqlite>(DatabaseProvider.Sqlite, CrmDb.SchemaName);

internal sealed class CrmDbPostgresFactory() : DesignTimeDbFactory<CrmDbPostgres>(DatabaseProvider.Postgres, CrmDb.SchemaName);
