using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Crm.Tests.Features;

/// <summary>Record-level security through the API: owners, teams, sharing, and everything for crm.all.read.</summary>
public abstract class SecurityApiTests(TandemServer server)
{
    private static CancellationToken Ct => Crm.Ct;

    [Fact]
    public async Task A_rep_asking_for_another_reps_opportunity_gets_404_and_does_not_list_it()
    {
        var (alice, _) = await Crm.UserAsync(server, "sales_rep");
        var (bob, _) = await Crm.UserAsync(server, "sales_rep");
        var account = await Crm.AccountAsync(alice, "Alice Only " + Guid.NewGuid().ToString("N")[..6]);
        var deal = await Crm.OpportunityAsync(alice, account.Id(), "Alice deal");

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/v1/crm/opportunities/{deal.Id()}", Ct)).StatusCode);
        var refused = await bob.GetAsync($"/api/v1/crm/opportunities/{deal.Id()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("not_found", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).Code());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/v1/crm/accounts/{account.Id()}", Ct)).StatusCode);
        var moved = await bob.PostAsJsonAsync($"/api/v1/crm/opportunities/{deal.Id()}/win", new { }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, moved.StatusCode);

        var bobsList = await bob.GetFromJsonAsync<JsonElement>("/api/v1/crm/opportunities?limit=500", Ct);
        Assert.DoesNotContain(bobsList.GetProperty("items").EnumerateArray(), o => o.Id() == deal.Id());
        // Nor can Bob hang an activity on Alice's account.
        await Crm.PostAsync(bob, "/api/v1/crm/activities", new { kind = "call", subject = "Sneaky", accountId = account.Id() }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_manager_sees_the_team_records_and_a_share_opens_one_record_to_another_rep()
    {
        var admin = await server.AdminClient();
        var (rep, repId) = await Crm.UserAsync(server, "sales_rep");
        var (manager, managerId) = await Crm.UserAsync(server, "sales_manager");
        var (outsider, outsiderId) = await Crm.UserAsync(server, "sales_rep");
        await Crm.PostAsync(admin, "/api/v1/crm/teams", new { name = "Team " + Guid.NewGuid().ToString("N")[..6], managerId, memberIds = new[] { repId } });

        var account = await Crm.AccountAsync(rep, "Team Account " + Guid.NewGuid().ToString("N")[..6]);
        var deal = await Crm.OpportunityAsync(rep, account.Id(), "Team deal");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/crm/opportunities/{deal.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/crm/accounts/{account.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/crm/opportunities/{deal.Id()}", Ct)).StatusCode);

        await Crm.PostAsync(rep, $"/api/v1/crm/opportunities/{deal.Id()}/shares", new { userId = outsiderId }, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync($"/api/v1/crm/opportunities/{deal.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/crm/accounts/{account.Id()}", Ct)).StatusCode);

        var (executive, _) = await Crm.UserAsync(server, "executive");
        Assert.Equal(HttpStatusCode.OK, (await executive.GetAsync($"/api/v1/crm/opportunities/{deal.Id()}", Ct)).StatusCode);
        var write = await executive.PostAsJsonAsync("/api/v1/crm/leads", new { name = "Not allowed" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Teams_are_managed_by_crm_manage_and_refuse_unknown_users()
    {
        var (rep, _) = await Crm.UserAsync(server, "sales_rep");
        var forbidden = await rep.PostAsJsonAsync("/api/v1/crm/teams", new { name = "Rogue" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var (manager, _) = await Crm.UserAsync(server, "sales_manager");
        var problem = await Crm.PostAsync(manager, "/api/v1/crm/teams", new { name = "Ghosts", memberIds = new[] { Guid.NewGuid() } }, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("memberIds", out _));
    }
}

public sealed class SecurityApiOnSqlite(CrmSqliteServer server) : SecurityApiTests(server), IClassFixture<CrmSqliteServer>;

public sealed class SecurityApiOnPostgres(CrmPostgresServer server) : SecurityApiTests(server), IClassFixture<CrmPostgresServer>;
