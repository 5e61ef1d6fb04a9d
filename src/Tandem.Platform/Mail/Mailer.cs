using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MimeKit;
using Tandem.Platform.Identity;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Platform.Mail;

/// <summary>Tells the background sender that a stored message is due; carried by the outbox, so retries and claims come with it.</summary>
public sealed record MailQueued(Guid CompanyId, Guid MessageId) : IIntegrationEvent;

internal sealed class Mailer(PlatformDb db, DbSession session, IOutbox outbox, IOptions<MailOptions> options, TimeProvider clock, IServer server) : IMailer
{
    public string PublicUrl => (options.Value.PublicUrl
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? "http://localhost:5080").TrimEnd('/');

    public async Task<QueuedMail> QueueAsync(Guid companyId, OutgoingMail mail, CancellationToken ct)
    {
        if (session.Transaction is null)
            throw new InvalidOperationException("Queue mail inside the unit of work of the business change, so both commit together.");
        Validate(mail);
        var configured = options.Value.IsConfigured;
        var message = new MailMessage
        {
            Id = Guid.CreateVersion7(),
            CompanyId = companyId,
            ToAddresses = string.Join("\n", mail.To),
            CcAddresses = mail.Cc is { Count: > 0 } cc ? string.Join("\n", cc) : null,
            Subject = mail.Subject,
            HtmlBody = mail.HtmlBody,
            TextBody = mail.TextBody,
            Status = configured ? MailStatus.Queued : MailStatus.NotSent,
            LastError = configured ? null : MailOptions.NotConfiguredReason,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Attachments = (mail.Attachments ?? []).Select(a => new MailMessageAttachment
            {
                Id = Guid.CreateVersion7(),
                FileName = a.FileName,
                ContentType = a.ContentType,
                Content = a.Content,
            }).ToList(),
        };
        db.Add(message);
        await db.SaveChangesAsync(ct);
        // The bodies and attachments are not needed again in this scope; do not keep them tracked.
        foreach (var attachment in message.Attachments)
            db.Entry(attachment).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        db.Entry(message).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        if (configured)
            outbox.Publish(new MailQueued(companyId, message.Id));
        return new QueuedMail(message.Id, message.Status, message.LastError);
    }

    // Callers validate what users typed; reaching here with a bad message is a programming error.
    private static void Validate(OutgoingMail mail)
    {
        if (mail.To.Count == 0)
            throw new ArgumentException("A message needs at least one recipient.", nameof(mail));
        foreach (var address in mail.To.Concat(mail.Cc ?? []))
        {
            if (!MailboxAddress.TryParse(address, out _))
                throw new ArgumentException($"Not a mail address: {address}", nameof(mail));
        }
        if (string.IsNullOrWhiteSpace(mail.HtmlBody) && string.IsNullOrWhiteSpace(mail.TextBody))
            throw new ArgumentException("A message needs a body.", nameof(mail));
    }
}
