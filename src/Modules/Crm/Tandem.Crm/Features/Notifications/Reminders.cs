using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Platform;
using Tandem.Platform.Persistence;

namespace Tandem.Crm.Features.Notifications;

/// <summary>
/// Sends the reminders that have come due, across companies. Each reminder is claimed with a conditional update
/// (<c>reminder_sent_at</c> set where it is still null) in the same transaction as the delivery, so with several
/// servers exactly one sends it: on PostgreSQL a second server's update waits for the first to commit and then
/// matches nothing. A delivery that fails rolls the claim back, and the next look tries again.
/// </summary>
internal sealed partial class ReminderDispatcher(
    IServiceScopeFactory scopes, IOptions<CrmOptions> options, TimeProvider clock, ILogger<ReminderDispatcher> logger)
{
    /// <summary>Sends every reminder due now (up to a batch); returns how many this call sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var batch = Math.Max(1, options.Value.Reminders.BatchSize);
        List<(Guid Id, Guid CompanyId)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDb>();
            // Across companies: the reminder service works for all of them.
            var rows = await db.Activities.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.ReminderSentAt == null && a.RemindAt != null && a.RemindAt <= now && !a.Done)
                .OrderBy(a => a.RemindAt)
                .Select(a => new { a.Id, a.CompanyId })
                .Take(batch)
                .ToListAsync(ct);
            due = rows.Select(r => (r.Id, r.CompanyId)).ToList();
        }
        var sent = 0;
        foreach (var (id, companyId) in due)
        {
            try
            {
                if (await SendAsync(id, companyId, now, ct))
                    sent++;
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                LogSendFailed(logger, id, e);
            }
        }
        return sent;
    }

    private async Task<bool> SendAsync(Guid activityId, Guid companyId, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem(companyId);
        var db = scope.ServiceProvider.GetRequiredService<CrmDb>();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        await using var unit = await session.BeginAsync(ct);
        session.Enlist(db);
        var claimed = await db.Activities
            .Where(a => a.Id == activityId && a.ReminderSentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReminderSentAt, (DateTimeOffset?)now), ct);
        if (claimed == 0)
            return false;
        var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Id == activityId, ct);
        var reminder = new DueReminder(companyId, activity.Id, activity.AssigneeId, activity.Kind, activity.Subject, activity.DueDate,
            activity.RemindAt ?? now, SearchDocuments.Url(activity.AccountId, activity.LeadId, activity.OpportunityId));
        foreach (var channel in scope.ServiceProvider.GetServices<IReminderChannel>())
            await channel.SendAsync(reminder, ct);
        await unit.CommitAsync(ct);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the reminder of activity {ActivityId} failed; it stays due")]
    private static partial void LogSendFailed(ILogger logger, Guid activityId, Exception exception);
}

/// <summary>Looks for due reminders every poll interval while the server runs.</summary>
internal sealed partial class ReminderService(
    ReminderDispatcher dispatcher, IOptions<CrmOptions> options, TimeProvider clock, ILogger<ReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Reminders;
        if (!settings.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // The database may be starting or not yet migrated; look again at the next poll.
                LogLookFailed(logger, e);
            }
            try
            {
                await Task.Delay(settings.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for due reminders failed; retrying at the next poll")]
    private static partial void LogLookFailed(ILogger logger, Exception exception);
}
