using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tandem.Platform.Api;
using Tandem.Platform.Identity;
using Tandem.Platform.Identity.Administration;
using Tandem.Platform.Outbox;
using Tandem.Platform.Persistence;
using Tandem.Platform.Security;
using Tandem.SharedKernel;

namespace Tandem.Platform.Mail;

public sealed record SendTestMailRequest(string? To);

/// <summary>An outgoing message as the administrator sees it: recipients, subject, status and the last error.</summary>
public sealed record MailMessageDto(
    Guid Id, IReadOnlyList<string> To, IReadOnlyList<string> Cc, string Subject, string Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, IReadOnlyList<string> Attachments);

public sealed record MailPage(bool Configured, string? Reason, IReadOnlyList<MailMessageDto> Items, string? NextCursor);

/// <summary>The company's outgoing mail for its administrators: recent messages with their status, and a test message.</summary>
public sealed class MailAdministration(PlatformDb db, DbSession session, IMailer mailer, ICompanyContext company, IOptions<MailOptions> options)
{
    public async Task<Result<MailPage>> ListAsync(int? limit, string? after, CancellationToken ct)
    {
        var take = limit ?? 50;
        if (take is < 1 or > 200)
            return Error.Validation("limit", "Between 1 and 200.");
        Guid? afterId = null;
        if (after is not null)
        {
            if (!Guid.TryParse(after, out var parsed))
                return Error.Validation("after", "The cursor is not valid for this list.");
            afterId = parsed;
        }
        var query = db.Set<MailMessage>().AsNoTracking().Where(m => m.CompanyId == company.CompanyId);
        // Ids are version 7 (time-ordered), so the newest first is the largest id first.
        if (afterId is { } cursor)
            query = query.Where(m => m.Id.CompareTo(cursor) < 0);
        var rows = await query.OrderByDescending(m => m.Id).Take(take + 1)
            .Select(m => new
            {
                m.Id, m.ToAddresses, m.CcAddresses, m.Subject, m.Status, m.Attempts, m.LastError, m.CreatedAt, m.SentAt,
                Files = m.Attachments.Select(a => a.FileName).ToList(),
            })
            .ToListAsync(ct);
        var items = rows.Take(take).Select(m => new MailMessageDto(
                m.Id, Split(m.ToAddresses), Split(m.CcAddresses), m.Subject, m.Status, m.Attempts, m.LastError,
                new DateTimeOffset(DateTime.SpecifyKind(m.CreatedAt, DateTimeKind.Utc)),
                m.SentAt is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : null,
                m.Files))
            .ToList();
        var configured = options.Value.IsConfigured;
        return new MailPage(configured, configured ? null : MailOptions.NotConfiguredReason, items,
            rows.Count > take ? items[^1].Id.ToString() : null);
    }

    public async Task<Result<QueuedMail>> SendTestAsync(SendTestMailRequest request, CancellationToken ct)
    {
        var to = request.To?.Trim();
        var errors = new FieldErrors()
            .Required("to", to, 254)
            .When(to is { Length: > 0 and <= 254 } && !UserAdministration.IsEmail(to), "to", "Not an email address.");
        if (errors.Any)
            return errors.ToError();
        await using var unit = await session.BeginAsync(ct);
        var queued = await mailer.QueueAsync(company.CompanyId, new OutgoingMail(
            [to!],
            "Tandem test message",
            "<p>This is a test message from Tandem. If you can read it, outgoing mail works.</p>",
            "This is a test message from Tandem. If you can read it, outgoing mail works."), ct);
        await unit.CommitAsync(ct);
        return queued;
    }

    private static IReadOnlyList<string> Split(string? addresses) =>
        string.IsNullOrEmpty(addresses) ? [] : addresses.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

public static class MailRegistration
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section));
        services.AddScoped<IMailer, Mailer>();
        services.AddScoped<MailAdministration>();
        services.AddIntegrationEventHandler<MailQueued, MailSender>();
        return services;
    }

    /// <summary><c>/api/v1/platform/mail/...</c>: the company's outgoing messages and a test message, for administrators.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        var mail = api.MapGroup("/platform/mail").WithTags("Mail").RequireAuthorization(PlatformPermissions.ManageMail);

        mail.MapGet("/messages", async (int? limit, string? after, MailAdministration admin, CancellationToken ct) =>
                (await admin.ListAsync(limit, after, ct)).ToHttp())
            .WithName("ListMailMessages")
            .WithSummary("The company's outgoing messages, newest first, with their status; keyset pages");

        mail.MapPost("/test", async (SendTestMailRequest request, MailAdministration admin, CancellationToken ct) =>
                (await admin.SendTestAsync(request, ct)).ToHttp(queued => Results.Accepted($"/api/v1/platform/mail/messages", queued)))
            .WithName("SendTestMail")
            .WithSummary("Queue a test message to an address; its status shows in the list (not_sent when no SMTP server is configured)");
    }
}
