using Microsoft.EntityFrameworkCore;

namespace Tandem.Platform.Mail;

/// <summary>An outgoing message as stored: written in the sender's transaction, then sent and marked by the background sender.</summary>
public sealed class MailMessage
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public string ToAddresses { get; set; } = "";
    public string? CcAddresses { get; set; }
    public string Subject { get; set; } = "";
    public string? HtmlBody { get; set; }
    public string? TextBody { get; set; }
    public string Status { get; set; } = MailStatus.Queued;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public List<MailMessageAttachment> Attachments { get; set; } = [];

    /// <summary>The mapping, called from PlatformDb.ConfigurePlatformFeatures.</summary>
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<MailMessage>(message =>
        {
            message.ToTable("mail_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.ToAddresses).HasMaxLength(4000);
            message.Property(m => m.CcAddresses).HasMaxLength(4000);
            message.Property(m => m.Subject).HasMaxLength(500);
            message.Property(m => m.HtmlBody).Metadata.SetMaxLength(null);
            message.Property(m => m.TextBody).Metadata.SetMaxLength(null);
            message.Property(m => m.Status).HasMaxLength(20);
            message.Property(m => m.LastError).HasMaxLength(4000);
            message.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId);
            // The administration list reads a company's latest messages.
            message.HasIndex(m => new { m.CompanyId, m.Id });
        });
        builder.Entity<MailMessageAttachment>(attachment =>
        {
            attachment.ToTable("mail_attachments");
            attachment.HasKey(a => a.Id);
            attachment.Property(a => a.FileName).HasMaxLength(255);
            attachment.Property(a => a.ContentType).HasMaxLength(100);
        });
    }
}

public sealed class MailMessageAttachment
{
    public Guid Id { get; set; }
    public Guid MessageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
}

/// <summary>The states of a message; stored as these lower-case words.</summary>
public static class MailStatus
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string NotSent = "not_sent";
}
