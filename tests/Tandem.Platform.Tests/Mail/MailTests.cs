using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Tandem.Platform.Identity;
using Tandem.Platform.Mail;
using Tandem.Platform.Persistence;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Mail;

/// <summary>Mail is stored with the business change and sent after commit through a real SMTP server.</summary>
public abstract partial class MailTests(TandemServer server, TestSmtpServer smtp)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_invitation_is_emailed_and_its_link_sets_the_password()
    {
        var admin = await server.AdminClient();
        var email = $"invitee{Guid.NewGuid():N}"[..20] + "@test.local";
        var response = await admin.PostAsJsonAsync("/api/v1/admin/users/invite", new
        {
            email,
            displayName = "Mailed Invitee",
            memberships = new[] { new { companyId = server.DemoCompanyId, roles = new[] { "sales_rep" } } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var invitation = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(MailStatus.Queued, invitation.GetProperty("mailStatus").GetString());

        var message = await smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == email), Patience, "the invitation");
        Assert.Equal("Your invitation to Tandem", message.Subject);
        Assert.Equal("erp@test.local", message.From.Mailboxes.Single().Address);
        var link = LinkPattern().Match(message.TextBody ?? "").Value;
        Assert.StartsWith(server.BaseAddress.ToString().TrimEnd('/') + "/account/set-password?email=", link, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(link), message.HtmlBody, StringComparison.Ordinal);

        // Following the link: the page opens, and its token sets the password once.
        var anonymous = server.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(link), Ct)).StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query);
        Assert.Equal(email, query["email"]);
        var set = await anonymous.PostAsJsonAsync("/api/v1/auth/set-password", new { email, token = query["token"], password = "Mailed-Password-1" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        var signedIn = await server.ClientFor(email, "Mailed-Password-1");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/v1/auth/companies", Ct)).StatusCode);

        var id = invitation.GetProperty("mailId").GetGuid();
        await WaitForStatusAsync(id, MailStatus.Sent);
    }

    [Fact]
    public async Task Mail_queued_in_a_rolled_back_unit_of_work_is_never_sent()
    {
        var lost = $"lost{Guid.NewGuid():N}"[..16] + "@test.local";
        var kept = $"kept{Guid.NewGuid():N}"[..16] + "@test.local";
        Guid lostId;
        await using (var scope = server.ScopeFor())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var unit = await session.BeginAsync(Ct);
            lostId = (await scope.ServiceProvider.GetRequiredService<IMailer>()
                .QueueAsync(server.DemoCompanyId, new OutgoingMail([lost], "Rolled back", null, "Never sent"), Ct)).Id;
            // Leaving without CommitAsync rolls the message back with the rest.
        }
        await using (var scope = server.ScopeFor())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var unit = await session.BeginAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<IMailer>()
                .QueueAsync(server.DemoCompanyId, new OutgoingMail([kept], "Committed", null, "Sent"), Ct);
            await unit.CommitAsync(Ct);
        }

        // The committed message arrives; by then the rolled-back one, had it been stored, would have been claimed in the same poll.
        await smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == kept), Patience, "the committed message");
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.DoesNotContain(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == lost));
        await using var check = server.ScopeFor();
        Assert.False(await check.ServiceProvider.GetRequiredService<PlatformDb>().Set<MailMessage>().AnyAsync(m => m.Id == lostId, Ct));
    }

    [Fact]
    public async Task A_message_the_SMTP_server_refuses_once_is_sent_on_the_retry()
    {
        var admin = await server.AdminClient();
        var to = $"retry{Guid.NewGuid():N}"[..16] + "@test.local";
        smtp.RefuseNextTo(to);
        var response = await admin.PostAsJsonAsync("/api/v1/platform/mail/test", new { to }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var message = await smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == to), Patience, "the retried message");
        Assert.Equal("Tandem test message", message.Subject);
        var row = await WaitForStatusAsync(id, MailStatus.Sent);
        Assert.Equal(2, row.GetProperty("attempts").GetInt32());
        Assert.Contains("SmtpCommandException", row.GetProperty("lastError").GetString() ?? "", StringComparison.Ordinal);
        Assert.Single(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == to));
    }

    [Fact]
    public async Task An_attachment_arrives_byte_for_byte()
    {
        var to = $"pdf{Guid.NewGuid():N}"[..16] + "@test.local";
        var content = new byte[150_000];
        new Random(42).NextBytes(content);
        "%PDF-1.7\n"u8.CopyTo(content);
        await using (var scope = server.ScopeFor())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var unit = await session.BeginAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<IMailer>().QueueAsync(server.DemoCompanyId, new OutgoingMail(
                [to], "Your quote", "<p>Please find the quote attached.</p>", "Please find the quote attached.",
                Cc: ["sales@test.local"],
                Attachments: [new MailAttachment("Q000001.pdf", "application/pdf", content)]), Ct);
            await unit.CommitAsync(Ct);
        }

        var message = await smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == to), Patience, "the quote");
        Assert.Equal("sales@test.local", message.Cc.Mailboxes.Single().Address);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("Q000001.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var decoded = new MemoryStream();
        await attachment.Content!.DecodeToAsync(decoded, Ct);
        Assert.Equal(content, decoded.ToArray());
        Assert.Equal("Please find the quote attached.", message.TextBody?.Trim());
    }

    [Fact]
    public async Task The_test_message_refuses_a_bad_address_and_writes_nothing()
    {
        var admin = await server.AdminClient();
        var before = await CountAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/platform/mail/test", new { to = "not an address" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
        Assert.Equal(before, await CountAsync());

        var badLimit = await admin.GetAsync("/api/v1/platform/mail/messages?limit=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task Only_administrators_see_mail_and_send_a_test()
    {
        var (email, password) = await server.CreateUserAsync(["sales_manager"]);
        var manager = await server.ClientFor(email, password);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/platform/mail/messages", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/v1/platform/mail/test", new { to = "a@test.local" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_list_pages_newest_first()
    {
        var admin = await server.AdminClient();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/platform/mail/test", new { to = $"page{i}@test.local" }, Ct);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        }
        var first = await admin.GetFromJsonAsync<JsonElement>("/api/v1/platform/mail/messages?limit=2", Ct);
        Assert.True(first.GetProperty("configured").GetBoolean());
        var items = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([ids[2], ids[1]], items);
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/platform/mail/messages?limit=2&after={cursor}", Ct);
        Assert.Equal(ids[0], second.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(["page0@test.local"], second.GetProperty("items")[0].GetProperty("to").EnumerateArray().Select(t => t.GetString()));
    }

    private async Task<int> CountAsync()
    {
        await using var scope = server.ScopeFor();
        return await scope.ServiceProvider.GetRequiredService<PlatformDb>().Set<MailMessage>().CountAsync(Ct);
    }

    private async Task<JsonElement> WaitForStatusAsync(Guid id, string status)
    {
        var admin = await server.AdminClient();
        JsonElement row = default;
        await TestWaits.UntilAsync(async () =>
        {
            var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/platform/mail/messages?limit=200", Ct);
            row = page.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("id").GetGuid() == id);
            return row.ValueKind == JsonValueKind.Object && row.GetProperty("status").GetString() == status;
        }, Patience, $"message {id} is {status}");
        return row;
    }

    [GeneratedRegex(@"https?://\S+/account/set-password\?\S+")]
    private static partial Regex LinkPattern();
}

public sealed class MailOnSqlite(MailSqliteServer server) : MailTests(server, server.Smtp), IClassFixture<MailSqliteServer>;

public sealed class MailOnPostgres(MailPostgresServer server) : MailTests(server, server.Smtp), IClassFixture<MailPostgresServer>;

/// <summary>With no SMTP server configured, mail is kept as not sent with the reason, and invitations fall back to the link.</summary>
public abstract class MailNotConfiguredTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_host_an_invitation_is_not_sent_and_the_admin_sees_why()
    {
        var admin = await server.AdminClient();
        var email = $"nomail{Guid.NewGuid():N}"[..18] + "@test.local";
        var response = await admin.PostAsJsonAsync("/api/v1/admin/users/invite", new
        {
            email,
            memberships = new[] { new { companyId = server.DemoCompanyId, roles = new[] { "sales_rep" } } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var invitation = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(MailStatus.NotSent, invitation.GetProperty("mailStatus").GetString());
        Assert.Contains("Tandem:Mail:Host", invitation.GetProperty("mailReason").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("/account/set-password?email=", invitation.GetProperty("link").GetString(), StringComparison.Ordinal);

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/platform/mail/messages", Ct);
        Assert.False(page.GetProperty("configured").GetBoolean());
        Assert.Contains("Tandem:Mail:Host", page.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var row = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("to")[0].GetString() == email);
        Assert.Equal(MailStatus.NotSent, row.GetProperty("status").GetString());
        Assert.Contains("Tandem:Mail:Host", row.GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }
}

public sealed class MailNotConfiguredOnSqlite(SqliteServer server) : MailNotConfiguredTests(server), IClassFixture<SqliteServer>;

public sealed class MailNotConfiguredOnPostgres(PostgresServer server) : MailNotConfiguredTests(server), IClassFixture<PostgresServer>;
