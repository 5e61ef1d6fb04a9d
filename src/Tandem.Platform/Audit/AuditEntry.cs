using Microsoft.EntityFrameworkCore;

namespace Tandem.Platform.Audit;

/// <summary>
/// One change to one record, append-only. Rows of a record form a hash chain of their own
/// (<see cref="Sequence"/> 1, 2, 3 ...), so writers of different records never wait on each other.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string EntityType { get; set; } = "";
    public Guid EntityId { get; set; }
    public Guid CompanyId { get; set; }
    public long Sequence { get; set; }
    public string Action { get; set; } = "";
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Canonical JSON: <c>{"field":{"before":..,"after":..}}</c> with fields in ordinal order.</summary>
    public string Changes { get; set; } = "{}";

    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    /// <summary>Called from <c>PlatformDb.ConfigurePlatformFeatures</c>.</summary>
    public static void Configure(ModelBuilder builder) =>
        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_log");
            entry.Property(e => e.EntityType).HasMaxLength(100);
            entry.Property(e => e.Action).HasMaxLength(20);
            entry.Property(e => e.UserName).HasMaxLength(200);
            entry.Property(e => e.Changes).HasColumnType("text");
            entry.Property(e => e.PreviousHash).HasMaxLength(64);
            entry.Property(e => e.Hash).HasMaxLength(64);
            // The chain's order and the one lookup a writer needs: the record's latest row.
            entry.HasIndex(e => new { e.EntityType, e.EntityId, e.Sequence }).IsUnique();
        });
}
