using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tandem.Crm.Features.Notifications;
using Tandem.Testing;

namespace Tandem.Crm.Tests.Features;

/// <summary>Reminders come due on a fake clock and become one in-app notification for the assignee, however many servers look.</summary>
public abstract class RemindersApiTests(TandemServer server)
{
    private static CancellationToken Ct => Crm.Ct;

    private ReminderDispatcher Dispatcher(TimeProvider time) => new(
        server.Services.GetRequiredService<IServiceScopeFactory>(), server.Services.GetRequiredService<IOptions<CrmOptions>>(), time,
        NullLogger<ReminderDispatcher>.Instance);

    private static async Task<int> UnreadAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/crm/notifications/unread-count", Ct)).GetProperty("count").GetInt32();

    [Fact]
    public async Task A_due_reminder_becomes_one_notification_for_the_assignee_even_with_two_servers_looking()
    {
        var (rep, _) = await Crm.UserAsync(server, "sales_rep");
        var (other, _) = await Crm.UserAsync(server, "sales_rep");
        var lead = await Crm.PostAsync(rep, "/api/v1/crm/leads", new { name = "Rita Remind" });
        // Days ahead, so the server's own reminder service, on the real clock, leaves it alone during the test.
        var remindAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3).AddHours(9), TimeSpan.Zero);
        var activity = await Crm.PostAsync(rep, "/api/v1/crm/activities", new
        {
            kind = "call", subject = "Call Rita back", leadId = lead.Id(), dueDate = DateOnly.FromDateTime(remindAt.UtcDateTime).ToString("yyyy-MM-dd"), remindAt,
        });

        var time = new FakeTimeProvider(remindAt.AddMinutes(-1));
        var first = Dispatcher(time);
        var second = Dispatcher(time);
        // Whatever else is due before ours goes first; ours is not due yet.
        while (await first.SendDueAsync(Ct) > 0)
        {
        }
        Assert.Equal(0, await UnreadAsync(rep));

        time.Advance(TimeSpan.FromMinutes(2));
        await Task.WhenAll(first.SendDueAsync(Ct), second.SendDueAsync(Ct));
        await first.SendDueAsync(Ct);

        var notifications = (await rep.GetFromJsonAsync<JsonElement>("/api/v1/crm/notifications", Ct)).GetProperty("items").EnumerateArray().ToList();
        var notification = Assert.Single(notifications);
        Assert.Equal("Reminder: Call Rita back", notification.GetProperty("title").GetString());
        Assert.Equal($"/crm/leads/{lead.Id()}", notification.GetProperty("url").GetString());
        Assert.Equal(activity.Id(), notification.GetProperty("activityId").GetGuid());
        Assert.Equal(1, await UnreadAsync(rep));

        // Only the assignee sees it, and only they may mark it read.
        Assert.Equal(0, await UnreadAsync(other));
        var foreign = await other.PostAsync($"/api/v1/crm/notifications/{notification.Id()}/read", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        await Crm.PostAsync(rep, $"/api/v1/crm/notifications/{notification.Id()}/read", new { }, HttpStatusCode.OK);
        Assert.Equal(0, await UnreadAsync(rep));
        Assert.Empty((await rep.GetFromJsonAsync<JsonElement>("/api/v1/crm/notifications?unread=true", Ct)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_done_activity_sends_no_reminder()
    {
        var (rep, _) = await Crm.UserAsync(server, "sales_rep");
        var lead = await Crm.PostAsync(rep, "/api/v1/crm/leads", new { name = "Dora Done" });
        var remindAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(4).AddHours(9), TimeSpan.Zero);
        var activity = await Crm.PostAsync(rep, "/api/v1/crm/activities", new { kind = "task", subject = "Send the offer", leadId = lead.Id(), remindAt });
        await Crm.PostAsync(rep, $"/api/v1/crm/activities/{activity.Id()}/done", new { }, HttpStatusCode.OK);

        var time = new FakeTimeProvider(remindAt.AddMinutes(1));
        while (await Dispatcher(time).SendDueAsync(Ct) > 0)
        {
        }
        Assert.Equal(0, await UnreadAsync(rep));
    }
}

public sealed class RemindersApiOnSqlite(CrmSqliteServer server) : RemindersApiTests(server), IClassFixture<CrmSqliteServer>;

public sealed class RemindersApiOnPostgres(CrmPostgresServer server) : RemindersApiTests(server), IClassFixture<CrmPostgresServer>;
