using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Crm.Tests.Features;

/// <summary>Creating or importing a lead warns about parties and open leads it may duplicate, or refuses on request.</summary>
public abstract class LeadDuplicatesApiTests(TandemServer server)
{
    private static CancellationToken Ct => Crm.Ct;

    private static List<(string Type, Guid Id, string Reasons)> Duplicates(JsonElement element) =>
        element.EnumerateArray()
            .Select(d => (d.GetProperty("type").GetString()!, d.GetProperty("id").GetGuid(), string.Join(",", d.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()))))
            .ToList();

    [Fact]
    public async Task A_lead_like_a_party_or_an_open_lead_comes_back_with_them_or_is_refused_on_request()
    {
        var (rep, _) = await Crm.UserAsync(server, "sales_rep");
        var marker = "dup" + Guid.NewGuid().ToString("N")[..8];
        var line = Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var party = await Crm.PostAsync(rep, "/api/v1/parties", new { kind = "organisation", name = $"Acme {marker} GmbH", email = $"info@{marker}.example" });

        // Same company name once legal forms are dropped, and the same company email domain.
        var first = await Crm.PostAsync(rep, "/api/v1/crm/leads", new { name = "Anna First", company = $"ACME {marker} Ltd.", email = $"anna@{marker}.example", phone = $"+44 20 7{line} 0{line}" });
        Assert.Equal([("party", party.Id(), "name,emailDomain")], Duplicates(first.GetProperty("duplicates")));

        // The phone matches the first lead once the prefix is dropped; the domain matches it and the party.
        var second = await Crm.PostAsync(rep, "/api/v1/crm/leads", new { name = "Ben Second", email = $"ben@{marker}.example", phone = $"020 7{line} 0{line}" });
        var found = Duplicates(second.GetProperty("duplicates"));
        Assert.Contains(("party", party.Id(), "emailDomain"), found);
        Assert.Contains(("lead", first.Id(), "emailDomain,phone"), found);
        Assert.Equal(2, found.Count);

        var refused = await Crm.PostAsync(rep, "/api/v1/crm/leads?onDuplicate=reject", new { name = "Cara Third", company = $"Acme {marker}" }, HttpStatusCode.Conflict);
        Assert.Equal("duplicate_suspected", refused.Code());
        Assert.Equal(2, refused.GetProperty("duplicates").GetArrayLength());
        Assert.Equal(0, (await rep.GetFromJsonAsync<JsonElement>("/api/v1/crm/leads?name=Cara Third", Ct)).GetProperty("items").GetArrayLength());
        var badMode = await Crm.PostAsync(rep, "/api/v1/crm/leads?onDuplicate=maybe", new { name = "Dan" }, HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", badMode.Code());

        // Free-mail domains say nothing about the organisation; a disqualified lead is no longer a candidate.
        var gmail = await Crm.PostAsync(rep, "/api/v1/crm/leads", new { name = "Gail Mail", company = $"Gm {marker} one", email = $"{marker}.one@gmail.com" });
        Assert.Empty(gmail.GetProperty("duplicates").EnumerateArray());
        var gmail2 = await Crm.PostAsync(rep, "/api/v1/crm/leads?onDuplicate=reject", new { name = "Gus Mail", company = $"Gm {marker} two", email = $"{marker}.two@gmail.com" });
        Assert.Empty(gmail2.GetProperty("duplicates").EnumerateArray());
        await Crm.PostAsync(rep, $"/api/v1/crm/leads/{gmail.Id()}/status", new { status = "disqualified", reason = "Test" }, HttpStatusCode.OK);
        var again = await Crm.PostAsync(rep, "/api/v1/crm/leads?onDuplicate=reject", new { name = "Gail Again", email = $"{marker}.one@gmail.com" });
        Assert.Empty(again.GetProperty("duplicates").EnumerateArray());
    }

    [Fact]
    public async Task An_import_lists_the_duplicates_of_each_row_as_warnings_and_imports_every_row()
    {
        var (rep, _) = await Crm.UserAsync(server, "sales_rep");
        var marker = "imd" + Guid.NewGuid().ToString("N")[..8];
        var existing = await Crm.PostAsync(rep, "/api/v1/crm/leads", new { name = $"{marker} Existing", company = $"Widget {marker}", email = $"old@{marker}.example" });
        var csv = $"name,company,email\n{marker} Clean,Other {marker},clean@{marker}-other.example\n{marker} Same,\"Widget {marker}, Inc\",new@{marker}.example\n";

        var response = await rep.PostAsync("/api/v1/crm/leads/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, report.GetProperty("imported").GetInt32());
        var warning = Assert.Single(report.GetProperty("warnings").EnumerateArray());
        Assert.Equal(3, warning.GetProperty("line").GetInt32());
        Assert.Equal([("lead", existing.Id(), "name,emailDomain")], Duplicates(warning.GetProperty("duplicates")));
        Assert.Equal(3, (await rep.GetFromJsonAsync<JsonElement>($"/api/v1/crm/leads?name={marker}", Ct)).GetProperty("items").GetArrayLength());
    }
}

public sealed class LeadDuplicatesApiOnSqlite(CrmSqliteServer server) : LeadDuplicatesApiTests(server), IClassFixture<CrmSqliteServer>;

public sealed class LeadDuplicatesApiOnPostgres(CrmPostgresServer server) : LeadDuplicatesApiTests(server), IClassFixture<CrmPostgresServer>;
