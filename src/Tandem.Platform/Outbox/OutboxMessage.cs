using Microsoft.EntityFrameworkCore;

namespace Tandem.Platform.Outbox;

/// <summary>An integration event waiting for (or done with) delivery; written in the publisher's transaction.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public string Type { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTime OccurredAt { get; set; }
    public string Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public string? LastError { get; set; }
    public DateTime? ProcessedAt { get; set; }

    /// <summary>The mapping, called from PlatformDb.ConfigurePlatformFeatures.</summary>
    public static void Configure(ModelBuilder builder) => builder.Entity<OutboxMessage>(message =>
    {
        message.ToTable("outbox_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Type).HasMaxLength(300);
        message.Property(m => m.Payload).Metadata.SetMaxLength(null);
        message.Property(m => m.Status).HasMaxLength(20);
        message.Property(m => m.LockedBy).HasMaxLength(200);
        message.Property(m => m.LastError).HasMaxLength(4000);
        // The dispatcher's claim reads due messages by status and due time.
        message.HasIndex(m => new { m.Status, m.NextAttemptAt });
    });
}

/// <summary>The states of a message; stored as these lower-case words.</summary>
public static class OutboxStatus
{
    public const string Pending = Persistence.LeasedWorker.Pending;
    public const string Processing = Persistence.LeasedWorker.Processing;
    public const string Done = "done";
    public const string Dead = "dead";
}
