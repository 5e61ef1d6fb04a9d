using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Crm.Tests.Features;

/// <summary>Accounts, contacts, opportunities, the board and the forecast through the API.</summary>
public abstract class AccountsAndOpportunitiesApiTests(TandemServer server)
{
    private static CancellationToken Ct => Crm.Ct;

    [Fact]
    public async Task An_account_registers_its_party_updates_with_if_match_and_refuses_a_hierarchy_cycle()
    {
        var (rep, _) = await Crm.UserAsync(server, "sales_rep");
        var parent = await Crm.AccountAsync(rep, "Parent Group " + Guid.NewGuid().ToString("N")[..6]);
        var child = await Crm.PostAsync(rep, "/api/v1/crm/accounts", new { name = "Child Ltd " + Guid.NewGuid().ToString("N")[..6], parentAccountId = parent.Id() });
        var party = await rep.GetAsync($"/api/v1/parties/{parent.GetProperty("partyId").GetGuid()}", Ct);
        Assert.Equal(HttpStatusCode.OK, party.StatusCode);

        var get = await rep.GetAsync($"/api/v1/crm/accounts/{parent.Id()}", Ct);
        var etag = get.Headers.ETag!.Tag;
        var cycle = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/crm/accounts/{parent.Id()}")
        {
            Content = JsonContent.Create(new { industry = "Retail", lifecycleStage = "customer", parentAccountId = child.Id() }),
        };
        cycle.Headers.TryAddWithoutValidation("If-Match", etag);
        var refused = await rep.SendAsync(cycle, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("account_hierarchy_cycle", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).Code());

        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/crm/accounts/{parent.Id()}")
        {
            Content = JsonContent.Create(new { industry = "Wholesale", lifecycleStage = "customer" }),
        };
        update.Headers.TryAddWithoutValidation("If-Match", etag);
        var updated = await rep.SendAsync(update, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("customer", (await updated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("lifecycleStage").GetString());

        var list = await rep.GetFromJsonAsync<JsonElement>("/api/v1/crm/accounts?industry=Wholesale&lifecycleStage=customer&limit=50", Ct);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), a => a.Id() == parent.Id());

        var contact = await Crm.PostAsync(rep, "/api/v1/crm/contacts", new { accountId = parent.Id(), name = "Dana Decider", email = "dana@example.com", role = "decisionMaker" });
        var contacts = await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/contacts?accountId={parent.Id()}", Ct);
        Assert.Equal(contact.Id(), Assert.Single(contacts.GetProperty("items").EnumerateArray()).Id());
    }

    [Fact]
    public async Task A_party_merge_moves_an_account_to_the_survivor()
    {
        var admin = await server.AdminClient();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var account = await Crm.AccountAsync(admin, "Merge Source " + suffix);
        var survivor = await Crm.PostAsync(admin, "/api/v1/parties", new { kind = "organisation", name = "Merge Target " + suffix });
        var moved = await admin.PostAsJsonAsync($"/api/v1/parties/{survivor.Id()}/merge", new { mergedId = account.GetProperty("partyId").GetGuid() }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/accounts/{account.Id()}", Ct);
        Assert.Equal(survivor.Id(), after.GetProperty("partyId").GetGuid());
    }

    [Fact]
    public async Task Bad_opportunity_input_is_refused_with_stable_codes_and_writes_nothing()
    {
        var (rep, _) = await Crm.UserAsync(server, "sales_rep");
        var account = await Crm.AccountAsync(rep, "Bad Input Co " + Guid.NewGuid().ToString("N")[..6]);
        var negative = await Crm.PostAsync(rep, "/api/v1/crm/opportunities",
            new { name = "Negative", accountId = account.Id(), amount = new { amount = "-5.00", currency = "EUR" }, expectedCloseDate = "2027-01-01" }, HttpStatusCode.BadRequest);
        Assert.Equal("negative_amount", negative.Code());
        var unknownStage = await Crm.PostAsync(rep, "/api/v1/crm/opportunities",
            new { name = "Unknown stage", accountId = account.Id(), stageId = Guid.NewGuid(), amount = new { amount = "5.00", currency = "EUR" }, expectedCloseDate = "2027-01-01" }, HttpStatusCode.BadRequest);
        Assert.Equal("unknown_stage", unknownStage.Code());
        var page = await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/opportunities?accountId={account.Id()}", Ct);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());

        var deal = await Crm.OpportunityAsync(rep, account.Id(), "Movable");
        var move = await Crm.PostAsync(rep, $"/api/v1/crm/opportunities/{deal.Id()}/move", new { stageId = Guid.NewGuid() }, HttpStatusCode.BadRequest);
        Assert.Equal("unknown_stage", move.Code());
        var lose = await Crm.PostAsync(rep, $"/api/v1/crm/opportunities/{deal.Id()}/lose", new { reason = "" }, HttpStatusCode.BadRequest);
        Assert.Equal("loss_reason_required", lose.Code());
    }

    [Fact]
    public async Task Moving_across_the_board_keeps_stage_history_and_the_forecast_sums_weighted_amounts_in_SQL()
    {
        var (rep, repId) = await Crm.UserAsync(server, "sales_rep");
        var account = await Crm.AccountAsync(rep, "Forecast Co " + Guid.NewGuid().ToString("N")[..6]);
        var stages = (await Crm.PipelineAsync(rep)).GetProperty("stages").EnumerateArray().ToList();
        var proposal = stages.Single(s => s.GetProperty("name").GetString() == "Proposal");

        var first = await Crm.OpportunityAsync(rep, account.Id(), "First", "1000.10", "2031-05-10");
        var second = await Crm.OpportunityAsync(rep, account.Id(), "Second", "333.33", "2031-05-20");
        var third = await Crm.OpportunityAsync(rep, account.Id(), "Third", "250.00", "2031-05-25");
        await Crm.PostAsync(rep, $"/api/v1/crm/opportunities/{second.Id()}/move", new { stageId = proposal.Id() }, HttpStatusCode.OK);
        await Crm.PostAsync(rep, $"/api/v1/crm/opportunities/{third.Id()}/win", new { }, HttpStatusCode.OK);
        var closed = await Crm.PostAsync(rep, $"/api/v1/crm/opportunities/{third.Id()}/move", new { stageId = proposal.Id() }, HttpStatusCode.Conflict);
        Assert.Equal("opportunity_closed", closed.Code());

        var detail = await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/opportunities/{second.Id()}", Ct);
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["Qualification", "Proposal"], history.Select(h => h.GetProperty("toStageName").GetString()));

        var board = await rep.GetFromJsonAsync<JsonElement>("/api/v1/crm/opportunities/board?perColumn=100", Ct);
        var proposalColumn = board.EnumerateArray().Single(c => c.GetProperty("stage").Id() == proposal.Id());
        Assert.Contains(proposalColumn.GetProperty("cards").EnumerateArray(), c => c.Id() == second.Id());

        // By hand, May 2031 for this rep: open = 1000.10 + 333.33 = 1333.43;
        // weighted = 1000.10 × 10 % + 333.33 × 50 % = 100.01 + 166.665 = 266.675; won = 250.00.
        var forecast = await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/forecast?from=2031-05&to=2031-05&ownerId={repId}", Ct);
        var row = Assert.Single(forecast.EnumerateArray());
        Assert.Equal("2031-05", row.GetProperty("month").GetString());
        Assert.Equal(2, row.GetProperty("openCount").GetInt32());
        Assert.Equal("1333.43", row.GetProperty("pipeline").GetProperty("amount").GetString());
        Assert.Equal("266.675", row.GetProperty("weighted").GetProperty("amount").GetString());
        Assert.Equal("250.00", row.GetProperty("won").GetProperty("amount").GetString());
        _ = first;

        var badMonth = await rep.GetAsync("/api/v1/crm/forecast?from=May", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
    }

    [Fact]
    public async Task Activities_notes_and_opportunities_show_on_the_account_timeline_newest_first_and_in_my_day()
    {
        var (rep, _) = await Crm.UserAsync(server, "sales_rep");
        var account = await Crm.AccountAsync(rep, "Timeline Co " + Guid.NewGuid().ToString("N")[..6]);
        var deal = await Crm.OpportunityAsync(rep, account.Id(), "Timeline deal");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Crm.PostAsync(rep, "/api/v1/crm/activities", new { kind = "task", subject = "Overdue task", opportunityId = deal.Id(), dueDate = today.AddDays(-1).ToString("yyyy-MM-dd") });
        await Crm.PostAsync(rep, "/api/v1/crm/activities", new { kind = "call", subject = "Call today", accountId = account.Id(), dueDate = today.ToString("yyyy-MM-dd"), note = "They asked about delivery dates" });
        await Crm.PostAsync(rep, "/api/v1/crm/activities", new { kind = "meeting", subject = "Next week", accountId = account.Id(), dueDate = today.AddDays(7).ToString("yyyy-MM-dd") });

        var timeline = (await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/accounts/{account.Id()}/timeline", Ct)).EnumerateArray().ToList();
        var kinds = timeline.Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal("meeting", kinds[0]);
        Assert.Equal("opportunity", kinds[^1]);
        Assert.Equal(["call", "meeting", "note", "opportunity", "task"], kinds.Order());
        var times = timeline.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        var myDay = await rep.GetFromJsonAsync<JsonElement>("/api/v1/crm/my-day", Ct);
        Assert.Equal(["Overdue task"], myDay.GetProperty("overdue").EnumerateArray().Select(a => a.GetProperty("subject").GetString()));
        Assert.Equal(["Call today"], myDay.GetProperty("dueToday").EnumerateArray().Select(a => a.GetProperty("subject").GetString()));
    }
}

public sealed class AccountsAndOpportunitiesApiOnSqlite(CrmSqliteServer server) : AccountsAndOpportunitiesApiTests(server), IClassFixture<CrmSqliteServer>;

public sealed class AccountsAndOpportunitiesApiOnPostgres(CrmPostgresServer server) : AccountsAndOpportunitiesApiTests(server), IClassFixture<CrmPostgresServer>;
