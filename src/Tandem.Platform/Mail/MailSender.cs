using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Tandem.Platform.Identity;
using Tandem.Platform.Outbox;

namespace Tandem.Platform.Mail;

/// <summary>
/// Sends a queued message through SMTP when the outbox delivers its <see cref="MailQueued"/>. A failure is
/// recorded on the message and thrown, so the outbox retries with backoff; the last attempt marks it failed.
/// </summary>
internal sealed partial class MailSender(
    PlatformDb db,
    IOptions<MailOptions> options,
    IOptions<OutboxOptions> outbox,
    TimeProvider clock,
    ILogger<MailSender> logger) : IIntegrationEventHandler<MailQueued>
{
    public async Task HandleAsync(MailQueued integrationEvent, IntegrationEventContext context, CancellationToken ct)
    {
        var message = await db.Set<MailMessage>().AsNoTracking().Include(m => m.Attachments)
            .SingleOrDefaultAsync(m => m.Id == integrationEvent.MessageId, ct);
        // Delivery is at-least-once: a message already sent is not sent again.
        if (message is null || message.Status is MailStatus.Sent or MailStatus.NotSent)
            return;
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            await MarkAsync(message.Id, MailStatus.NotSent, context.Attempt, MailOptions.NotConfiguredReason, sentAt: null, ct);
            return;
        }
        try
        {
            using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
            await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, ct);
            if (!string.IsNullOrEmpty(settings.User))
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
            await client.SendAsync(ToMime(message, settings), ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            var failed = context.Attempt >= outbox.Value.MaxAttempts;
            await MarkAsync(message.Id, failed ? MailStatus.Failed : MailStatus.Queued, context.Attempt, error, sentAt: null, CancellationToken.None);
            LogSendFailed(logger, message.Id, context.Attempt, e);
            throw;
        }
        await MarkAsync(message.Id, MailStatus.Sent, context.Attempt, null, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
    }

    private Task MarkAsync(Guid id, string status, int attempts, string? error, DateTime? sentAt, CancellationToken ct)
    {
        var trimmed = error is { Length: > 4000 } ? error[..4000] : error;
        // A message sent on a retry keeps the error of the attempt before, which explains its attempts.
        return db.Set<MailMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, m => trimmed ?? m.LastError)
            .SetProperty(m => m.SentAt, sentAt), ct);
    }

    internal static MimeMessage ToMime(MailMessage message, MailOptions settings)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        foreach (var to in Split(message.ToAddresses))
            mime.To.Add(MailboxAddress.Parse(to));
        foreach (var cc in Split(message.CcAddresses))
            mime.Cc.Add(MailboxAddress.Parse(cc));
        mime.Subject = message.Subject;
        // The stored id names the message, so a duplicate after an unlucky retry is recognisable.
        mime.MessageId = $"{message.Id:N}@tandem";
        var body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody };
        foreach (var attachment in message.Attachments.OrderBy(a => a.Id))
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static IEnumerable<string> Split(string? addresses) =>
        string.IsNullOrEmpty(addresses) ? [] : addresses.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MessageId} failed on attempt {Attempt}")]
    private static partial void LogSendFailed(ILogger logger, Guid messageId, int attempt, Exception exception);
}
