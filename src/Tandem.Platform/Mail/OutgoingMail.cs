namespace Tandem.Platform.Mail;

/// <summary>A message to send: at least one recipient, a subject, and an HTML or a text body (ideally both).</summary>
public sealed record OutgoingMail(
    IReadOnlyList<string> To,
    string Subject,
    string? HtmlBody,
    string? TextBody,
    IReadOnlyList<string>? Cc = null,
    IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>A file sent with a message, such as a quote's PDF.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>What became of a queued message: its id and its first status (queued, or not_sent with the reason).</summary>
public sealed record QueuedMail(Guid Id, string Status, string? Reason);

/// <summary>Queues mail in the caller's unit of work: stored with the business change, sent by the background sender after commit.</summary>
public interface IMailer
{
    /// <summary>Stores the message in the current transaction; a rollback drops it, so it is never sent.</summary>
    Task<QueuedMail> QueueAsync(Guid companyId, OutgoingMail mail, CancellationToken ct);

    /// <summary>The base address for links in messages (no trailing slash).</summary>
    string PublicUrl { get; }
}
