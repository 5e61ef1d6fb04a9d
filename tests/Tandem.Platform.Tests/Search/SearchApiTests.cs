using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Search;

/// <summary>The global search through its API: ranking, snippets, permissions, ownership, companies and bad input.</summary>
public abstract class SearchApiTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_registered_party_is_found_by_a_word_prefix_and_by_its_email_domain()
    {
        var client = await server.AdminClient();
        var word = Unique("quokka");
        var id = await RegisterParty(client, $"{word} Cycles Ltd", $"jane@{word}-bikes.example");

        var byPrefix = await Search(client, word[..^2]);
        var hit = Assert.Single(byPrefix, h => h.GetProperty("id").GetString() == id);
        Assert.Equal("party", hit.GetProperty("type").GetString());
        Assert.Equal("Party", hit.GetProperty("label").GetString());
        Assert.Equal($"/parties/{id}", hit.GetProperty("url").GetString());

        var byDomain = await Search(client, $"{word}-bikes");
        Assert.Contains(byDomain, h => h.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Renaming_a_party_reindexes_it_in_the_same_save()
    {
        var client = await server.AdminClient();
        var before = Unique("marmot");
        var after = Unique("wombat");
        var id = await RegisterParty(client, $"{before} Trading", null);

        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/parties/{id}")
        {
            Content = JsonContent.Create(new { kind = "organisation", name = $"{after} Trading" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request, Ct)).StatusCode);

        Assert.Empty(await Search(client, before));
        Assert.Single(await Search(client, after));
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_match_in_the_body_and_the_snippet_is_encoded_and_highlighted()
    {
        var word = Unique("pelican");
        var inBody = Guid.CreateVersion7();
        var inTitle = Guid.CreateVersion7();
        await Index(new SearchDocument(MemoSource.TypeName, inBody, "Weekly call", null,
            $"Jane said 5 < 7 & the {word} pricing is fine for the spring range of touring bikes.", "/memos/1"));
        await Index(new SearchDocument(MemoSource.TypeName, inTitle, $"{word} renewal", null, "Nothing else here.", "/memos/2"));

        var hits = await Search(await server.AdminClient(), word);
        Assert.Equal([inTitle.ToString(), inBody.ToString()], hits.Select(h => h.GetProperty("id").GetString()));
        var snippet = hits[1].GetProperty("snippetHtml").GetString()!;
        Assert.Contains($"<mark>{word}</mark>", snippet, StringComparison.Ordinal);
        Assert.Contains("&lt;", snippet, StringComparison.Ordinal);
        Assert.Contains("&amp;", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>", hits[1].GetProperty("snippet").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_with_the_whole_word_come_before_records_where_a_word_only_begins_with_it()
    {
        var word = Unique("heron");
        // The longer word is in the title, which would outrank a body match; the whole word still comes first.
        var longer = Guid.CreateVersion7();
        var whole = Guid.CreateVersion7();
        await Index(new SearchDocument(MemoSource.TypeName, longer, $"{word}ry visit", null, null, "/memos/longer"));
        await Index(new SearchDocument(MemoSource.TypeName, whole, "Weekly call", null, $"We talked about the {word} account.", "/memos/whole"));

        var hits = await Search(await server.AdminClient(), word);
        Assert.Equal([whole.ToString(), longer.ToString()], hits.Select(h => h.GetProperty("id").GetString()));
        // When the whole words fill the page, the prefix matches are not read.
        Assert.Equal([whole.ToString()], (await Search(await server.AdminClient(), word, "&limit=1")).Select(h => h.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Records_the_source_hides_are_left_out_and_the_page_still_fills_from_later_matches()
    {
        var word = Unique("ibex");
        // Created first, so they come first among equally ranked matches and fill the first batch.
        for (var i = 0; i < 45; i++)
        {
            var hidden = Guid.CreateVersion7();
            MemoSource.Hidden[hidden] = true;
            await Index(new SearchDocument(MemoSource.TypeName, hidden, $"{word} note {i}", null, null, "/memos/hidden"));
        }
        var visible = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            visible.Add(Guid.CreateVersion7());
            await Index(new SearchDocument(MemoSource.TypeName, visible[^1], $"{word} note visible {i}", null, null, "/memos/visible"));
        }

        var hits = await Search(await server.AdminClient(), word, "&limit=3");
        Assert.Equal(visible.Select(v => v.ToString()).Order(), hits.Select(h => h.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task A_user_sees_only_the_types_their_roles_may_read()
    {
        var admin = await server.AdminClient();
        var word = Unique("okapi");
        await RegisterParty(admin, $"{word} Supplies", null);
        var product = await admin.PostAsJsonAsync("/api/v1/catalog/products",
            new { sku = Unique("SKU"), name = $"{word} saddle", kind = "goods", unit = "pc", listPrice = new { amount = "10.00", currency = "EUR" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, product.StatusCode);

        var (email, password) = await server.CreateUserAsync(["production_planner"]);
        var planner = await server.ClientFor(email, password);
        var hits = await Search(planner, word);
        Assert.Equal(["product"], hits.Select(h => h.GetProperty("type").GetString()));
        Assert.Equal(2, (await Search(admin, word)).Count);
    }

    [Fact]
    public async Task Another_company_s_records_are_not_found()
    {
        var word = Unique("tapir");
        var other = await server.CreateCompanyAsync(Unique("S").ToUpperInvariant());
        await Index(new SearchDocument(MemoSource.TypeName, Guid.CreateVersion7(), $"{word} elsewhere", null, null, "/memos/x"), other);

        Assert.Empty(await Search(await server.AdminClient(), word));
    }

    [Fact]
    public async Task What_a_rolled_back_unit_of_work_indexed_is_not_found()
    {
        var word = Unique("narwhal");
        await using (var scope = server.ScopeFor())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var unit = await session.BeginAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<ISearchIndex>()
                .IndexAsync(new SearchDocument(MemoSource.TypeName, Guid.CreateVersion7(), word, null, null, "/memos/r"), Ct);
            // Disposed without committing: rolled back.
        }
        Assert.Empty(await Search(await server.AdminClient(), word));
    }

    [Fact]
    public async Task Removing_a_document_takes_it_out_of_the_results()
    {
        var word = Unique("dugong");
        var id = Guid.CreateVersion7();
        await Index(new SearchDocument(MemoSource.TypeName, id, word, null, null, "/memos/d"));
        Assert.Single(await Search(await server.AdminClient(), word));
        await using (var scope = server.ScopeFor())
            await scope.ServiceProvider.GetRequiredService<ISearchIndex>().RemoveAsync(MemoSource.TypeName, id, Ct);
        Assert.Empty(await Search(await server.AdminClient(), word));
    }

    [Theory]
    [InlineData("", "query_required")]
    [InlineData("?q=", "query_required")]
    [InlineData("?q=%21%21%20%2A%22", "query_required")]
    [InlineData("?q=acme&types=invoice", "type_unknown")]
    [InlineData("?q=acme&limit=0", "limit_out_of_range")]
    [InlineData("?q=acme&limit=51", "limit_out_of_range")]
    public async Task Bad_queries_get_a_problem_with_a_stable_code(string query, string code)
    {
        var response = await (await server.AdminClient()).GetAsync($"/api/v1/search{query}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_query_longer_than_the_limit_is_refused_and_operators_are_taken_as_words()
    {
        var client = await server.AdminClient();
        var tooLong = await client.GetAsync($"/api/v1/search?q={new string('a', 201)}", Ct);
        Assert.Equal("query_too_long", (await tooLong.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());

        // Query syntax of either engine is only words here: no error, just no match.
        var syntax = await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString("a:* & !b | \"c NEAR(d) title:e"), Ct);
        Assert.Equal(HttpStatusCode.OK, syntax.StatusCode);
    }

    [Fact]
    public async Task Search_needs_a_signed_in_user()
    {
        var response = await server.Anonymous().GetAsync("/api/v1/search?q=acme", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string Unique(string word) => word + Guid.NewGuid().ToString("N")[..6];

    private async Task Index(SearchDocument document, Guid? companyId = null)
    {
        await using var scope = server.ScopeFor(companyId);
        await scope.ServiceProvider.GetRequiredService<ISearchIndex>().IndexAsync(document, Ct);
    }

    private static async Task<string> RegisterParty(HttpClient client, string name, string? email)
    {
        var response = await client.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name, email }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> Search(HttpClient client, string words, string extra = "")
    {
        var response = await client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(words)}{extra}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray()];
    }
}

public sealed class SearchApiOnSqlite(SearchSqliteServer server) : SearchApiTests(server), IClassFixture<SearchSqliteServer>;

public sealed class SearchApiOnPostgres(SearchPostgresServer server) : SearchApiTests(server), IClassFixture<SearchPostgresServer>;
