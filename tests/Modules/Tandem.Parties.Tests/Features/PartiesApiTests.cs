using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Parties.Tests.Features;

/// <summary>The party master through its HTTP API, as an integration or a script uses it.</summary>
public abstract class PartiesApiTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_assigns_the_next_party_number_and_returns_the_party()
    {
        var client = await server.AdminClient();
        var first = await Register(client, "Numbered One");
        var second = await Register(client, "Numbered Two");
        var n1 = int.Parse(first.GetProperty("number").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture);
        var n2 = int.Parse(second.GetProperty("number").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(n1 + 1, n2);
        Assert.Equal("organisation", first.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Register_with_invalid_fields_reports_each_field_and_writes_nothing()
    {
        var client = await server.AdminClient();
        var before = await Count(client, "Bad");
        var response = await client.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name = "", email = "nope" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(before, await Count(client, "Bad"));
    }

    [Fact]
    public async Task Get_returns_an_etag_and_update_requires_it()
    {
        var client = await server.AdminClient();
        var party = await Register(client, "Versioned Ltd");
        var id = party.GetProperty("id").GetString();

        var get = await client.GetAsync($"/api/v1/parties/{id}", Ct);
        Assert.Equal("\"0\"", get.Headers.ETag?.Tag);

        var body = new { kind = "organisation", name = "Versioned Holdings", isCustomer = true };
        var withoutIfMatch = await client.PutAsJsonAsync($"/api/v1/parties/{id}", body, Ct);
        Assert.Equal((HttpStatusCode)428, withoutIfMatch.StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/parties/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        var updated = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"1\"", updated.Headers.ETag?.Tag);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/parties/{id}") { Content = JsonContent.Create(body) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        var refused = await client.SendAsync(stale, Ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("version_mismatch", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task List_pages_by_keyset_without_gaps_or_repeats()
    {
        var client = await server.AdminClient();
        var prefix = "Pager" + Guid.NewGuid().ToString("N")[..5];
        for (var i = 0; i < 7; i++)
            await Register(client, $"{prefix} {i:D2}");

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/parties?name={prefix}&limit=3" + (after is null ? "" : $"&after={after}");
            var page = await client.GetFromJsonAsync<JsonElement>(url, Ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()!));
            after = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"{prefix} {i:D2}"), seen);
    }

    [Theory]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("number")]
    [InlineData("-name")]
    public async Task List_sorts_by_each_allowed_key_across_pages(string sort)
    {
        var client = await server.AdminClient();
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties?sort={sort}&limit=2", Ct);
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties?sort={sort}&limit=2&after={cursor}", Ct);
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(4, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("sort=password", "sort")]
    [InlineData("after=garbage", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("role=emperor", "role")]
    public async Task List_rejects_bad_query_parameters(string query, string field)
    {
        var client = await server.AdminClient();
        var response = await client.GetAsync($"/api/v1/parties?{query}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Unknown_party_is_404_with_a_code()
    {
        var client = await server.AdminClient();
        var response = await client.GetAsync($"/api/v1/parties/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Another_companys_party_is_not_found_and_not_listed()
    {
        var admin = await server.AdminClient();
        var party = await Register(admin, "Only In Demo Co");
        var other = await server.CreateCompanyAsync("OTH" + Guid.NewGuid().ToString("N")[..4]);
        var (email, password) = await server.CreateUserAsync(["admin"], other);
        var outsider = await server.ClientFor(email, password);

        var response = await outsider.GetAsync($"/api/v1/parties/{party.GetProperty("id").GetString()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var list = await outsider.GetFromJsonAsync<JsonElement>("/api/v1/parties?name=Only", Ct);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_role_without_write_permission_is_forbidden_to_register()
    {
        var (email, password) = await server.CreateUserAsync(["warehouse"]);
        var client = await server.ClientFor(email, password);
        var read = await client.GetAsync("/api/v1/parties?limit=1", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var write = await client.PostAsJsonAsync("/api/v1/parties", new { kind = "person", name = "Not Allowed" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("forbidden", (await write.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_problem()
    {
        var response = await server.Anonymous().GetAsync("/api/v1/parties", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    private static async Task<JsonElement> Register(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name, isCustomer = true }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<int> Count(HttpClient client, string prefix) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties?name={prefix}&limit=500", Ct)).GetProperty("items").GetArrayLength();
}

public sealed class PartiesApiOnSqlite(SqliteServer server) : PartiesApiTests(server), IClassFixture<SqliteServer>;

public sealed class PartiesApiOnPostgres(PostgresServer server) : PartiesApiTests(server), IClassFixture<PostgresServer>;
