using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Parties.Contracts;
using Tandem.Testing;

namespace Tandem.Parties.Tests.Features;

/// <summary>Custom fields on parties: defined by an admin, validated on write, filtered in SQL, exported as CSV.</summary>
public abstract class PartyCustomFieldsApiTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Values_of_every_type_are_stored_returned_filtered_and_exported()
    {
        var client = await server.AdminClient();
        var k = Unique("f");
        await DefineAsync(client, new { recordType = "party", key = $"{k}_tier", label = "Tier", type = "choice", options = new[] { "Gold", "Silver" } });
        await DefineAsync(client, new { recordType = "party", key = $"{k}_staff", label = "Staff", type = "number" });
        await DefineAsync(client, new { recordType = "party", key = $"{k}_since", label = "Customer since", type = "date" });
        await DefineAsync(client, new { recordType = "party", key = $"{k}_vip", label = "VIP", type = "boolean" });
        await DefineAsync(client, new { recordType = "party", key = $"{k}_note", label = "Note", type = "text" });

        var name = Unique("Custom ");
        var gold = await RegisterAsync(client, new
        {
            kind = "organisation", name = $"{name} Gold",
            customFields = new Dictionary<string, object>
            {
                [$"{k}_tier"] = "gold", [$"{k}_staff"] = 12.50m, [$"{k}_since"] = "2024-02-29", [$"{k}_vip"] = true, [$"{k}_note"] = "=1+1, \"quoted\"",
            },
        });
        await RegisterAsync(client, new
        {
            kind = "organisation", name = $"{name} Silver",
            customFields = new Dictionary<string, object> { [$"{k}_tier"] = "Silver", [$"{k}_staff"] = 3, [$"{k}_vip"] = false },
        });
        await RegisterAsync(client, new { kind = "organisation", name = $"{name} None" });

        var fields = gold.GetProperty("customFields");
        Assert.Equal("Gold", fields.GetProperty($"{k}_tier").GetString());
        Assert.Equal(12.5m, fields.GetProperty($"{k}_staff").GetDecimal());
        Assert.True(fields.GetProperty($"{k}_vip").GetBoolean());

        async Task<List<string?>> Names(string filter) =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties?name={Uri.EscapeDataString(name)}&{filter}", Ct))
                .GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();

        Assert.Equal([$"{name} Gold"], await Names($"cf.{k}_tier=gold"));
        Assert.Equal([$"{name} Gold"], await Names($"cf.{k}_staff=12.5"));
        Assert.Equal([$"{name} Silver"], await Names($"cf.{k}_staff=3"));
        Assert.Equal([$"{name} Gold"], await Names($"cf.{k}_since=2024-02-29"));
        Assert.Equal([$"{name} Silver"], await Names($"cf.{k}_vip=false"));
        Assert.Equal([$"{name} Gold"], await Names($"cf.{k}_vip=true&cf.{k}_tier=Gold"));
        Assert.Empty(await Names($"cf.{k}_vip=true&cf.{k}_tier=Silver"));

        var csv = await client.GetStringAsync($"/api/v1/parties?format=csv&name={Uri.EscapeDataString(name)}", Ct);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        var header = lines[0].Split(',').ToList();
        Assert.Equal(["number", "name", "kind", "email", "phone", "taxId", "roles", "tags", "createdAt"], header.Take(9));
        // Sorted by name: Gold, None, Silver. The note is quoted, its quotes doubled and its formula defused.
        const string note = "\"'=1+1, \"\"quoted\"\"\"";
        Assert.Contains(note, lines[1], StringComparison.Ordinal);
        var goldRow = lines[1].Replace(note, "NOTE", StringComparison.Ordinal).Split(',');
        var silver = lines[3].Split(',');
        string Cell(string[] row, string key) => row[header.IndexOf($"cf.{k}_{key}")];
        Assert.Equal(["Gold", "12.5", "2024-02-29", "true", "NOTE"], new[] { "tier", "staff", "since", "vip", "note" }.Select(f => Cell(goldRow, f)));
        Assert.Equal(["Silver", "3", "", "false", ""], new[] { "tier", "staff", "since", "vip", "note" }.Select(f => Cell(silver, f)));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_or_an_unknown_key_is_422_and_nothing_is_written()
    {
        var client = await server.AdminClient();
        var k = Unique("w");
        await DefineAsync(client, new { recordType = "party", key = $"{k}_staff", label = "Staff", type = "number" });
        await DefineAsync(client, new { recordType = "party", key = $"{k}_tier", label = "Tier", type = "choice", options = new[] { "Gold" } });
        var name = Unique("Wrong ");

        foreach (var values in new Dictionary<string, object>[]
        {
            new() { [$"{k}_staff"] = "twelve" },
            new() { [$"{k}_tier"] = "Platinum" },
            new() { [$"{k}_nope"] = "x" },
            new() { [$"{k}_staff"] = true },
        })
        {
            var response = await client.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name, customFields = values }, Ct);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("custom_field_invalid", problem.GetProperty("code").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty($"customFields.{values.Keys.Single()}", out _));
        }
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties?name={Uri.EscapeDataString(name)}", Ct);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());

        var badFilter = await client.GetAsync($"/api/v1/parties?cf.{k}_staff=many", Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badFilter.StatusCode);
        var unknownFilter = await client.GetAsync($"/api/v1/parties?cf.{k}_missing=1", Ct);
        Assert.Equal("custom_field_invalid", (await unknownFilter.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_required_field_must_be_given_on_registration()
    {
        var company = await server.CreateCompanyAsync("CF" + Guid.NewGuid().ToString("N")[..6]);
        var (email, password) = await server.CreateUserAsync(["admin"], company);
        var client = await server.ClientFor(email, password);
        await DefineAsync(client, new { recordType = "party", key = "industry", label = "Industry", type = "text", required = true });

        var missing = await client.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name = "No Industry" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("customFields.industry", out _));

        await RegisterAsync(client, new { kind = "organisation", name = "With Industry", customFields = new { industry = "Retail" } });
        var fields = await client.GetFromJsonAsync<JsonElement>("/api/v1/platform/custom-fields?recordType=party", Ct);
        Assert.Equal("industry", Assert.Single(fields.EnumerateArray()).GetProperty("key").GetString());

        // Another module registering a party (a converted lead) is not held to the admin's required fields,
        // and the contract finds the duplicate the form would have warned about.
        await using var scope = server.ScopeFor(company);
        var parties = scope.ServiceProvider.GetRequiredService<IPartiesModule>();
        var registered = await parties.RegisterAsync(new NewParty(PartyKind.Organisation, "From A Lead", IsProspect: true), Ct);
        Assert.True(registered.IsSuccess);
        var candidates = await parties.FindDuplicatesAsync(new DuplicateQuery(Name: "WITH INDUSTRY GmbH"), Ct);
        Assert.Equal(["With Industry"], candidates.Select(c => c.Name));
    }

    [Fact]
    public async Task Defining_a_field_is_validated_and_reserved_to_administrators()
    {
        var client = await server.AdminClient();
        var bad = await client.PostAsJsonAsync("/api/v1/platform/custom-fields", new { recordType = "spaceship", key = "Bad Key", label = "", type = "choice" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "recordType", "key", "label", "options" })
            Assert.True(errors.TryGetProperty(field, out _), field);

        var key = Unique("dup");
        await DefineAsync(client, new { recordType = "product", key, label = "Once", type = "text" });
        var again = await client.PostAsJsonAsync("/api/v1/platform/custom-fields", new { recordType = "product", key, label = "Twice", type = "text" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("custom_field_key_taken", (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());

        var (email, password) = await server.CreateUserAsync(["sales_rep"]);
        var rep = await server.ClientFor(email, password);
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/api/v1/platform/custom-fields?recordType=party", Ct)).StatusCode);
        var refused = await rep.PostAsJsonAsync("/api/v1/platform/custom-fields", new { recordType = "party", key = Unique("rep"), label = "Rep", type = "text" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static async Task DefineAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/platform/custom-fields", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<JsonElement> RegisterAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/parties", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}

public sealed class PartyCustomFieldsApiOnSqlite(SqliteServer server) : PartyCustomFieldsApiTests(server), IClassFixture<SqliteServer>;

public sealed class PartyCustomFieldsApiOnPostgres(PostgresServer server) : PartyCustomFieldsApiTests(server), IClassFixture<PostgresServer>;
