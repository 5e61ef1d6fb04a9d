using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Search;
using Tandem.Testing;

namespace Tandem.Crm.Tests.Features;

/// <summary>The <c>search reindex</c> rebuild: index rows lost, the rebuild restores them, and a second run changes nothing.</summary>
public abstract class SearchReindexTests(TandemServer server)
{
    private static CancellationToken Ct => Crm.Ct;

    private static async Task<List<(string Type, Guid Id)>> SearchAsync(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(q)}", Ct)).GetProperty("items").EnumerateArray()
            .Select(h => (h.GetProperty("type").GetString()!, h.GetProperty("id").GetGuid())).ToList();

    [Fact]
    public async Task Deleted_index_rows_are_found_again_after_a_reindex_and_a_second_run_changes_nothing()
    {
        var admin = await server.AdminClient();
        var word = "reidx" + Guid.NewGuid().ToString("N")[..8];
        var account = await Crm.AccountAsync(admin, $"Account {word}");
        var lead = await Crm.PostAsync(admin, "/api/v1/crm/leads", new { name = $"Lead {word}" });
        var note = await Crm.PostAsync(admin, "/api/v1/crm/notes", new { text = $"A note about {word}", accountId = account.Id() });
        var partyId = account.GetProperty("partyId").GetGuid();
        List<(string, Guid)> expected = [("account", account.Id()), ("lead", lead.Id()), ("note", note.Id()), ("party", partyId)];
        Assert.Equal(expected, (await SearchAsync(admin, word)).Order().ToList());

        await using (var scope = server.ScopeFor())
        {
            var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
            foreach (var (type, id) in expected)
                await index.RemoveAsync(type, id, Ct);
        }
        Assert.Empty(await SearchAsync(admin, word));

        var reindex = server.Services.GetRequiredService<SearchReindex>();
        var done = await reindex.RunAsync(server.DemoCompanyId, 7, Ct);
        Assert.Contains(done, d => d.Type == "lead" && d.Documents > 0);
        Assert.Contains(done, d => d.Type == "party" && d.Documents > 0);
        Assert.Equal(expected, (await SearchAsync(admin, word)).Order().ToList());

        await reindex.RunAsync(server.DemoCompanyId, 500, Ct);
        Assert.Equal(expected, (await SearchAsync(admin, word)).Order().ToList());
    }
}

public sealed class SearchReindexOnSqlite(CrmSqliteServer server) : SearchReindexTests(server), IClassFixture<CrmSqliteServer>;

public sealed class SearchReindexOnPostgres(CrmPostgresServer server) : SearchReindexTests(server), IClassFixture<CrmPostgresServer>;
