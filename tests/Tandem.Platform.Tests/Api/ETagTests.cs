using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>Optimistic concurrency over HTTP on every editable resource: GET gives the ETag, PUT must return it.</summary>
public abstract class ETagTests(TandemServer server)
{
    public static TheoryData<string> Resources => ["parties", "products"];

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task A_change_needs_the_current_ETag_and_gets_a_new_one(string resource)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var (url, body) = await CreateAsync(client, resource, ct);

        var read = await client.GetAsync(url, ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var etag = read.Headers.ETag?.Tag;
        Assert.NotNull(etag);

        var withoutIfMatch = await client.PutAsJsonAsync(url, body, ct);
        Assert.Equal((HttpStatusCode)428, withoutIfMatch.StatusCode);
        Assert.Equal("if_match_required", await IdempotencyTests.CodeOf(withoutIfMatch, ct));

        var stale = await PutAsync(client, url, body, "\"987654\"", ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("version_mismatch", await IdempotencyTests.CodeOf(stale, ct));

        var matching = await PutAsync(client, url, body, etag, ct);
        Assert.Equal(HttpStatusCode.OK, matching.StatusCode);
        var newEtag = matching.Headers.ETag?.Tag;
        Assert.NotNull(newEtag);
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(newEtag, (await client.GetAsync(url, ct)).Headers.ETag?.Tag);

        // The ETag just used is stale now.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await PutAsync(client, url, Renamed(url, body), etag, ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Writers_racing_with_the_same_ETag_have_exactly_one_winner(string resource)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var (url, body) = await CreateAsync(client, resource, ct);
        var etag = (await client.GetAsync(url, ct)).Headers.ETag!.Tag;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PutAsync(client, url, Renamed(url, body), etag, ct)));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.PreconditionFailed, s));
    }

    [Fact]
    public async Task A_change_to_an_unknown_record_is_not_found()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var response = await PutAsync(client, $"/api/v1/parties/{Guid.NewGuid()}", new { kind = "person", name = "Nobody" }, "\"0\"", ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await IdempotencyTests.CodeOf(response, ct));
    }

    private static async Task<(string Url, object Body)> CreateAsync(HttpClient client, string resource, CancellationToken ct)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var url = resource == "parties" ? "/api/v1/parties" : "/api/v1/catalog/products";
        var created = await client.PostAsJsonAsync(url, Body(resource, tag, "ETag " + tag), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        // Each change renames the record, so every PUT really changes it (an identical PUT changes nothing and keeps the version).
        return ($"{url}/{id}", Body(resource, tag, "ETag " + Guid.NewGuid().ToString("N")[..8]));
    }

    private static object Body(string resource, string tag, string name) => resource == "parties"
        ? new { kind = "organisation", name }
        : new { sku = "ET-" + tag, name, kind = "goods", unit = "pc", listPrice = new { amount = "10.00", currency = "EUR" } };

    private static object Renamed(string url, object body) =>
        url.Contains("/parties/", StringComparison.Ordinal)
            ? new { kind = "organisation", name = "ETag " + Guid.NewGuid().ToString("N")[..8] }
            : body.GetType().GetProperty("sku")!.GetValue(body) is string sku
                ? new { sku, name = "ETag " + Guid.NewGuid().ToString("N")[..8], kind = "goods", unit = "pc", listPrice = new { amount = "10.00", currency = "EUR" } }
                : body;

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string url, object body, string ifMatch, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request, ct);
    }
}

public sealed class ETagsOnSqlite(SqliteServer server) : ETagTests(server), IClassFixture<SqliteServer>;

public sealed class ETagsOnPostgres(PostgresServer server) : ETagTests(server), IClassFixture<PostgresServer>;
