using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Notifications;

public sealed record NotificationDto(Guid Id, string Title, string? Body, string Url, Guid? ActivityId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    internal static readonly Expression<Func<Notification, NotificationDto>> Projection = n =>
        new NotificationDto(n.Id, n.Title, n.Body, n.Url, n.ActivityId, n.CreatedAt, n.ReadAt);
}

public sealed record UnreadCount(int Count);

/// <summary>The current user's in-app notifications: only ever their own.</summary>
internal sealed class NotificationsHandler(CrmDb db, DbSession session, ICurrentUser user, TimeProvider clock)
{
    internal static readonly SortMap<Notification> Sorts = new SortMap<Notification>("-createdAt")
        .Add("createdAt", n => n.CreatedAt);

    private IQueryable<Notification> Mine()
    {
        var me = user.UserId ?? Guid.Empty;
        return db.Notifications.AsNoTracking().Where(n => n.UserId == me);
    }

    public async Task<Result<Page<NotificationDto>>> ListAsync(bool unreadOnly, PageRequest page, CancellationToken ct)
    {
        var query = Mine();
        if (unreadOnly)
            query = query.Where(n => n.ReadAt == null);
        return await query.ToPageAsync(page, Sorts, NotificationDto.Projection, ct);
    }

    public async Task<UnreadCount> UnreadAsync(CancellationToken ct) =>
        new(await Mine().CountAsync(n => n.ReadAt == null, ct));

    public async Task<Result<NotificationDto>> MarkReadAsync(Guid id, CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        if (await Mine().AsTracking().SingleOrDefaultAsync(n => n.Id == id, ct) is not { } notification)
            return Error.NotFound("Notification");
        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return NotificationDto.Projection.Compile()(notification);
    }

    public async Task<UnreadCount> MarkAllReadAsync(CancellationToken ct)
    {
        await using var unit = await session.BeginAsync(ct);
        var unread = await Mine().AsTracking().Where(n => n.ReadAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var notification in unread)
            notification.MarkRead(now);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return new UnreadCount(unread.Count);
    }
}

/// <summary>Delivers a due reminder as an in-app notification to the activity's assignee.</summary>
internal sealed class InAppReminderChannel(CrmDb db, TimeProvider clock) : IReminderChannel
{
    public async Task SendAsync(DueReminder reminder, CancellationToken ct)
    {
        if (reminder.UserId is not { } userId)
            return;
        var body = reminder.DueDate is { } due ? $"{reminder.Kind} due {due:yyyy-MM-dd}" : reminder.Kind.ToString();
        db.Notifications.Add(Notification.Create(userId, $"Reminder: {reminder.Subject}", body, reminder.Url, reminder.ActivityId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }
}

internal static class NotificationsEndpoints
{
    public static void Map(IEndpointRouteBuilder crm)
    {
        var notifications = crm.MapGroup("/notifications").WithTags("CRM notifications");
        notifications.MapGet("/", async (int? limit, string? after, bool? unread, NotificationsHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(unread == true, new PageRequest(limit, after), ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Read).WithName("ListNotifications").WithSummary("Your notifications, newest first (keyset); ?unread=true for unread only");
        notifications.MapGet("/unread-count", async (NotificationsHandler handler, CancellationToken ct) => Results.Ok(await handler.UnreadAsync(ct)))
            .RequireAuthorization(CrmPermissions.Read).WithName("CountUnreadNotifications").WithSummary("How many of your notifications are unread (the bell's badge)");
        notifications.MapPost("/{id:guid}/read", async (Guid id, NotificationsHandler handler, CancellationToken ct) =>
                (await handler.MarkReadAsync(id, ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Read).WithName("MarkNotificationRead").WithSummary("Mark one of your notifications read");
    }
}
