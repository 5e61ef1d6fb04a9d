using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Crm.Tests.Features;

/// <summary>Leads through the API: scoring, conversion, import, the public web form, assignment and attachments.</summary>
public abstract class LeadsApiTests(TandemServer server)
{
    private static CancellationToken Ct => Crm.Ct;

    [Fact]
    public async Task Converting_a_lead_creates_account_contact_and_opportunity_once_and_keeps_its_history()
    {
        var (rep, repId) = await Crm.UserAsync(server, "sales_rep");
        var company = "Convert Co " + Guid.NewGuid().ToString("N")[..6];
        var lead = await Crm.PostAsync(rep, "/api/v1/crm/leads", new { name = "Carla Convert", company, email = "carla@convert.example" });
        await Crm.PostAsync(rep, "/api/v1/crm/activities", new { kind = "call", subject = "Discovery call", leadId = lead.Id(), done = true, note = "Needs forty bikes by March" });
        await Crm.PostAsync(rep, $"/api/v1/crm/leads/{lead.Id()}/status", new { status = "qualified" }, HttpStatusCode.OK);

        var conversion = await Crm.PostAsync(rep, $"/api/v1/crm/leads/{lead.Id()}/convert",
            new { opportunityName = "Forty bikes", amount = new { amount = "24000.00", currency = "EUR" } }, HttpStatusCode.OK);
        var accountId = conversion.GetProperty("accountId").GetGuid();
        var account = await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/accounts/{accountId}", Ct);
        Assert.Equal(company, account.GetProperty("name").GetString());
        Assert.Equal(repId, account.GetProperty("ownerId").GetGuid());
        var opportunity = await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/opportunities/{conversion.GetProperty("opportunityId").GetGuid()}", Ct);
        Assert.Equal("24000.00", opportunity.GetProperty("opportunity").GetProperty("amount").GetProperty("amount").GetString());
        Assert.Equal(lead.Id(), opportunity.GetProperty("opportunity").GetProperty("leadId").GetGuid());

        // The lead's call and note now show on the account and the contact too.
        var timeline = (await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/accounts/{accountId}/timeline", Ct)).EnumerateArray().ToList();
        Assert.Contains(timeline, e => e.GetProperty("title").GetString() == "Discovery call");
        Assert.Contains(timeline, e => e.GetProperty("detail").GetString() == "Needs forty bikes by March");
        var contactActivities = await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/activities?contactId={conversion.GetProperty("contactId").GetGuid()}", Ct);
        Assert.Single(contactActivities.GetProperty("items").EnumerateArray());

        var again = await Crm.PostAsync(rep, $"/api/v1/crm/leads/{lead.Id()}/convert", new { }, HttpStatusCode.Conflict);
        Assert.Equal("lead_already_converted", again.Code());
        var accounts = await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/accounts?name={Uri.EscapeDataString(company)}", Ct);
        Assert.Single(accounts.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Scoring_rules_score_leads_and_explain_the_points()
    {
        var admin = await server.AdminClient();
        var marker = "Z" + Guid.NewGuid().ToString("N")[..6];
        await Crm.PostAsync(admin, "/api/v1/crm/lead-scoring/rules", new { name = $"Industry {marker}", field = "industry", condition = "equals", value = marker, points = 7 });
        await Crm.PostAsync(admin, "/api/v1/crm/lead-scoring/rules", new { name = $"Engaged {marker}", field = "activities", condition = "activitiesAtLeast", value = "1", points = 11 });
        var bad = await Crm.PostAsync(admin, "/api/v1/crm/lead-scoring/rules", new { name = "Bad", field = "shoeSize", condition = "equals", value = "9", points = 1 }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("field", out _));

        var lead = await Crm.PostAsync(admin, "/api/v1/crm/leads", new { name = "Scored Sam", industry = marker });
        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/leads/{lead.Id()}/score", Ct);
        Assert.Contains(before.GetProperty("lines").EnumerateArray(), l => l.GetProperty("rule").GetString() == $"Industry {marker}" && l.GetProperty("points").GetInt32() == 7);
        Assert.DoesNotContain(before.GetProperty("lines").EnumerateArray(), l => l.GetProperty("rule").GetString() == $"Engaged {marker}");

        await Crm.PostAsync(admin, "/api/v1/crm/activities", new { kind = "email", subject = "Sent brochure", leadId = lead.Id(), done = true });
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/leads/{lead.Id()}/score", Ct);
        var stored = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/leads/{lead.Id()}", Ct);
        // By hand: logging one activity meets this test's "Engaged" rule, worth 11 points; nothing else changed.
        Assert.Equal(before.GetProperty("total").GetInt32() + 11, after.GetProperty("total").GetInt32());
        Assert.Equal(after.GetProperty("total").GetInt32(), stored.GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task An_import_with_a_bad_row_writes_nothing_and_lists_every_bad_row()
    {
        var (rep, _) = await Crm.UserAsync(server, "sales_rep");
        var marker = "Imp" + Guid.NewGuid().ToString("N")[..6];
        var csv = $"name,company,email,country\n{marker} One,A Co,one@example.com,GB\n,B Co,two@example.com,DE\n{marker} Three,C Co,not-an-email,FRA\n{marker} Four,\"D, Co\",four@example.com,NL\n";
        var response = await rep.PostAsync("/api/v1/crm/leads/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("import_rejected", problem.Code());
        var rows = problem.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([3, 4], rows.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(2, rows[1].GetProperty("errors").GetArrayLength());
        Assert.Equal(0, await CountAsync(rep, marker));

        var fixedCsv = $"name,company,email,country\n{marker} One,A Co,one@example.com,GB\n{marker} Four,\"D, Co\",four@example.com,NL\n";
        var ok = await rep.PostAsync("/api/v1/crm/leads/import", new StringContent(fixedCsv, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, await CountAsync(rep, marker));

        var header = await rep.PostAsync("/api/v1/crm/leads/import", new StringContent("nom,email\nx,y\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal("import_header_invalid", (await header.Content.ReadFromJsonAsync<JsonElement>(Ct)).Code());
    }

    [Fact]
    public async Task The_public_form_takes_leads_anonymously_drops_honeypot_spam_and_is_rate_limited()
    {
        var anonymous = server.Anonymous();
        var marker = "Web" + Guid.NewGuid().ToString("N")[..6];
        var accepted = await anonymous.PostAsJsonAsync("/api/v1/public/leads?company=DEMO", new { name = $"{marker} Real", email = "real@example.com", message = "Call me" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var spam = await anonymous.PostAsJsonAsync("/api/v1/public/leads?company=DEMO", new { name = $"{marker} Bot", email = "bot@example.com", website = "http://spam.example" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, spam.StatusCode);
        var invalid = await anonymous.PostAsJsonAsync("/api/v1/public/leads?company=DEMO", new { name = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var admin = await server.AdminClient();
        var leads = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/leads?name={marker}", Ct)).GetProperty("items").EnumerateArray().ToList();
        var lead = Assert.Single(leads);
        Assert.Equal("web", lead.GetProperty("source").GetString());

        // The window allows three forms from this address; all three are spent, so the next is refused.
        var limited = await anonymous.PostAsJsonAsync("/api/v1/public/leads?company=DEMO", new { name = $"{marker} Late", email = "late@example.com" }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("rate_limited", (await limited.Content.ReadFromJsonAsync<JsonElement>(Ct)).Code());
    }

    [Fact]
    public async Task Assignment_rules_hand_unowned_leads_to_team_members_in_turn()
    {
        var admin = await server.AdminClient();
        var (_, first) = await Crm.UserAsync(server, "sales_rep");
        var (_, second) = await Crm.UserAsync(server, "sales_rep");
        var team = await Crm.PostAsync(admin, "/api/v1/crm/teams", new { name = "Round " + Guid.NewGuid().ToString("N")[..6], memberIds = new[] { first, second } });
        var country = "Q" + (char)('A' + Random.Shared.Next(26));
        await Crm.PostAsync(admin, "/api/v1/crm/assignment-rules", new { name = "Territory " + country, teamId = team.Id(), priority = 0, country });

        for (var i = 0; i < 4; i++)
        {
            var csv = $"name,country\nRR {country} {i},{country}\n";
            var response = await admin.PostAsync("/api/v1/crm/leads/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var leads = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/leads?name=RR {country}&sort=name", Ct)).GetProperty("items").EnumerateArray().ToList();
        var owners = leads.Select(l => l.GetProperty("ownerId").GetGuid()).ToList();
        Assert.Equal(4, owners.Count);
        Assert.Equal(new[] { first, second }.Order(), owners.Distinct().Order());
        Assert.NotEqual(owners[0], owners[1]);
        Assert.Equal(owners[0], owners[2]);
        Assert.Equal(owners[1], owners[3]);
    }

    [Fact]
    public async Task Attachments_are_checked_for_size_and_type_and_downloaded_only_by_those_who_see_the_note()
    {
        var (rep, _) = await Crm.UserAsync(server, "sales_rep");
        var (other, _) = await Crm.UserAsync(server, "sales_rep");
        var account = await Crm.AccountAsync(rep, "Files Co " + Guid.NewGuid().ToString("N")[..6]);
        var note = await Crm.PostAsync(rep, "/api/v1/crm/notes", new { text = "Signed order form attached", accountId = account.Id() });

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% test\n");
        var created = await UploadAsync(rep, note.Id(), pdf, "application/pdf", "order.pdf");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var attachment = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);

        var tooBig = await UploadAsync(rep, note.Id(), [.. "%PDF-"u8.ToArray(), .. new byte[CrmTestSettings.MaxAttachmentBytes]], "application/pdf", "big.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Equal("attachment_too_large", (await tooBig.Content.ReadFromJsonAsync<JsonElement>(Ct)).Code());
        var wrongType = await UploadAsync(rep, note.Id(), [0x4D, 0x5A, 0x90, 0x00], "application/x-msdownload", "tool.exe");
        Assert.Equal("attachment_type_not_allowed", (await wrongType.Content.ReadFromJsonAsync<JsonElement>(Ct)).Code());
        var disguised = await UploadAsync(rep, note.Id(), [0x4D, 0x5A, 0x90, 0x00], "application/pdf", "invoice.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.Equal("attachment_content_mismatch", (await disguised.Content.ReadFromJsonAsync<JsonElement>(Ct)).Code());

        var notes = await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/notes?accountId={account.Id()}", Ct);
        Assert.Single(Assert.Single(notes.GetProperty("items").EnumerateArray()).GetProperty("attachments").EnumerateArray());

        var download = await rep.GetAsync($"/api/v1/crm/attachments/{attachment.Id()}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/crm/attachments/{attachment.Id()}", Ct)).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid noteId, byte[] bytes, string contentType, string fileName)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync($"/api/v1/crm/notes/{noteId}/attachments?fileName={fileName}", content, Ct);
    }

    private static async Task<int> CountAsync(HttpClient client, string prefix) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/crm/leads?name={prefix}&limit=500", Ct)).GetProperty("items").GetArrayLength();
}

public sealed class LeadsApiOnSqlite(CrmSqliteServer server) : LeadsApiTests(server), IClassFixture<CrmSqliteServer>;

public sealed class LeadsApiOnPostgres(CrmPostgresServer server) : LeadsApiTests(server), IClassFixture<CrmPostgresServer>;
