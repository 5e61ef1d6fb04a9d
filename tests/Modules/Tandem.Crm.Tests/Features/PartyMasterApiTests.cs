using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Crm.Tests.Features;

/// <summary>The CRM follows the party master: renames reach account names and search, and a merge of two parties with accounts folds the accounts.</summary>
public abstract class PartyMasterApiTests(TandemServer server)
{
    private static CancellationToken Ct => Crm.Ct;

    private static async Task<int> CountAsync(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonElement>(url, Ct)).GetProperty("items").GetArrayLength();

    private static async Task<List<(string Type, Guid Id)>> SearchAsync(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(q)}", Ct)).GetProperty("items").EnumerateArray()
            .Select(h => (h.GetProperty("type").GetString()!, h.GetProperty("id").GetGuid())).ToList();

    [Fact]
    public async Task Renaming_a_party_renames_its_account_and_the_search_finds_the_new_name()
    {
        var admin = await server.AdminClient();
        var word = "Renam" + Guid.NewGuid().ToString("N")[..6];
        var account = await Crm.AccountAsync(admin, $"Oldname {word}");
        var partyId = account.GetProperty("partyId").GetGuid();
        var party = await admin.GetAsync($"/api/v1/parties/{partyId}", Ct);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/parties/{partyId}")
        {
            Content = JsonContent.Create(new { kind = "organisation", name = $"Newbrand {word}" }),
        };
        put.Headers.IfMatch.Add(party.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(put, Ct)).StatusCode);

        // The rename travels through the outbox after the party's commit: wait for its delivery, not a fixed time.
        var name = "";
        for (var attempt = 0; attempt < 100 && name != $"Newbrand {word}"; attempt++)
        {
            if (attempt > 0)
                await Task.Delay(100, Ct);
            name = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/accounts/{account.Id()}", Ct)).GetProperty("name").GetString()!;
        }
        Assert.Equal($"Newbrand {word}", name);
        Assert.Contains(("account", account.Id()), await SearchAsync(admin, $"Newbrand {word}"));
        Assert.DoesNotContain(("account", account.Id()), await SearchAsync(admin, "Oldname"));
    }

    [Fact]
    public async Task Merging_two_parties_with_accounts_folds_the_merged_account_into_the_survivors()
    {
        var admin = await server.AdminClient();
        var word = "Fold" + Guid.NewGuid().ToString("N")[..6];
        var target = await Crm.AccountAsync(admin, $"Target {word}");
        var source = await Crm.AccountAsync(admin, $"Source {word}");
        var child = await Crm.PostAsync(admin, "/api/v1/crm/accounts", new { name = $"Child {word}", parentAccountId = source.Id() });

        // The survivor's own: one contact, one opportunity, one activity.
        await Crm.PostAsync(admin, "/api/v1/crm/contacts", new { accountId = target.Id(), name = "Tara Target", role = "champion" });
        await Crm.OpportunityAsync(admin, target.Id(), $"Target deal {word}");
        await Crm.PostAsync(admin, "/api/v1/crm/activities", new { kind = "call", subject = "Target call", accountId = target.Id(), done = true });

        // The merged account's: two contacts (one from a lead converted onto it), two opportunities, three activities
        // (one on an opportunity), one note, one converted lead, one child account.
        await Crm.PostAsync(admin, "/api/v1/crm/contacts", new { accountId = source.Id(), name = "Sam Source", role = "user" });
        var lead = await Crm.PostAsync(admin, "/api/v1/crm/leads", new { name = $"Lee {word}", company = $"Source {word}" });
        await Crm.PostAsync(admin, $"/api/v1/crm/leads/{lead.Id()}/convert", new { accountId = source.Id(), createOpportunity = false }, HttpStatusCode.OK);
        var deal = await Crm.OpportunityAsync(admin, source.Id(), $"Source deal one {word}");
        await Crm.OpportunityAsync(admin, source.Id(), $"Source deal two {word}");
        await Crm.PostAsync(admin, "/api/v1/crm/activities", new { kind = "call", subject = "Source call", accountId = source.Id(), done = true });
        await Crm.PostAsync(admin, "/api/v1/crm/activities", new { kind = "email", subject = "Source email", accountId = source.Id(), done = true });
        await Crm.PostAsync(admin, "/api/v1/crm/activities", new { kind = "meeting", subject = "Deal meeting", opportunityId = deal.Id(), done = true });
        await Crm.PostAsync(admin, "/api/v1/crm/notes", new { text = $"Source note {word}", accountId = source.Id() });
        Assert.Equal(3, await CountAsync(admin, $"/api/v1/crm/activities?accountId={source.Id()}"));

        var merge = await admin.PostAsJsonAsync($"/api/v1/parties/{target.GetProperty("partyId").GetGuid()}/merge",
            new { mergedId = source.GetProperty("partyId").GetGuid() }, Ct);
        var outcome = await merge.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(merge.StatusCode == HttpStatusCode.OK, outcome.ToString());
        // By hand: the account itself, 2 contacts, 2 opportunities, 3 activities, 1 note, 1 lead and 1 child account.
        var crm = outcome.GetProperty("repointed").EnumerateArray().Single(r => r.GetProperty("holder").GetString() == "CRM accounts and contacts");
        Assert.Equal(11, crm.GetProperty("count").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/crm/accounts/{source.Id()}", Ct)).StatusCode);
        Assert.Equal(3, await CountAsync(admin, $"/api/v1/crm/contacts?accountId={target.Id()}"));
        Assert.Equal(3, await CountAsync(admin, $"/api/v1/crm/opportunities?accountId={target.Id()}"));
        Assert.Equal(4, await CountAsync(admin, $"/api/v1/crm/activities?accountId={target.Id()}"));
        Assert.Equal(0, await CountAsync(admin, $"/api/v1/crm/activities?accountId={source.Id()}"));
        var timeline = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/accounts/{target.Id()}/timeline", Ct)).EnumerateArray().ToList();
        Assert.Contains(timeline, e => e.GetProperty("detail").GetString() == $"Source note {word}");
        Assert.Equal(target.Id(), (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/leads/{lead.Id()}", Ct)).GetProperty("accountId").GetGuid());
        Assert.Equal(target.Id(), (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/accounts/{child.Id()}", Ct)).GetProperty("parentAccountId").GetGuid());
        Assert.DoesNotContain(("account", source.Id()), await SearchAsync(admin, $"Source {word}"));
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit/Account/{source.Id()}", Ct);
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "Delete");
    }
}

public sealed class PartyMasterApiOnSqlite(CrmSqliteServer server) : PartyMasterApiTests(server), IClassFixture<CrmSqliteServer>;

public sealed class PartyMasterApiOnPostgres(CrmPostgresServer server) : PartyMasterApiTests(server), IClassFixture<CrmPostgresServer>;
