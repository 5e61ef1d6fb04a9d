using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Tandem.Crm.Tests.Features;

/// <summary>
/// Round robin under load, on PostgreSQL where requests really run in parallel: every lead gets the next turn,
/// so the members end up with equal shares and no turn is handed out twice.
/// </summary>
public sealed class AssignmentConcurrencyOnPostgres(CrmPostgresServer server) : IClassFixture<CrmPostgresServer>
{
    [Fact]
    public async Task Parallel_imports_hand_out_each_round_robin_turn_exactly_once()
    {
        var admin = await server.AdminClient();
        var members = new List<Guid>();
        for (var i = 0; i < 3; i++)
            members.Add((await Crm.UserAsync(server, "sales_rep")).UserId);
        var team = await Crm.PostAsync(admin, "/api/v1/crm/teams", new { name = "Parallel " + Guid.NewGuid().ToString("N")[..6], memberIds = members });
        await Crm.PostAsync(admin, "/api/v1/crm/assignment-rules", new { name = "Territory QP", teamId = team.Id(), priority = 0, country = "QP" });

        // 12 imports of one lead each, 6 at a time: 12 turns over 3 members is 4 each, whatever the order.
        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => server.AdminClient()));
        await Parallel.ForEachAsync(Enumerable.Range(0, 12), new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = Crm.Ct }, async (i, ct) =>
        {
            var response = await clients[i % clients.Length].PostAsync("/api/v1/crm/leads/import",
                new StringContent($"name,country\nParallel lead {i:D2},QP\n", Encoding.UTF8, "text/csv"), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });

        var leads = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/crm/leads?name=Parallel lead&limit=100", Crm.Ct)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(12, leads.Count);
        var shares = leads.GroupBy(l => l.GetProperty("ownerId").GetGuid()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(members.Order(), shares.Keys.Order());
        Assert.All(shares.Values, count => Assert.Equal(4, count));
        var rule = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/crm/assignment-rules", Crm.Ct)).EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Territory QP");
        Assert.Equal(12, rule.GetProperty("assigned").GetInt64());
    }
}
