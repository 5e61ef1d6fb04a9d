using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Catalog.Data;
using Tandem.Parties.Data;
using Tandem.Platform.Api;
using Tandem.Platform.Identity;
using Tandem.Platform.Outbox;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>
/// Every POST and PUT the OpenAPI document lists, fed bodies no client should send: each answers 4xx
/// with a problem code, none answers 500, and nothing is written.
/// </summary>
public abstract class HostileInputTests(TandemServer server)
{
    private static readonly string Huge = new('x', 200_000);

    [Fact]
    public async Task Every_write_endpoint_refuses_hostile_bodies_with_a_4xx_problem_and_writes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", ct);
        var endpoints = WriteEndpoints(document).ToList();
        Assert.True(endpoints.Count >= 5, "The OpenAPI document lists the module and auth write endpoints: " + string.Join(", ", endpoints.Select(e => e.Path)));

        var before = await CountRowsAsync(ct);
        var failures = new List<string>();
        var tried = 0;
        foreach (var (method, path, properties) in endpoints)
        {
            var url = path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            foreach (var body in HostileBodies(properties))
            {
                tried++;
                var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
                var response = await client.SendAsync(request, ct);
                var status = (int)response.StatusCode;
                var code = status is >= 400 and < 500 ? await CodeOfAsync(response, ct) : null;
                if (status is < 400 or >= 500 || string.IsNullOrEmpty(code))
                    failures.Add($"{method} {path} {Shorten(body)} → {status} code={code ?? "-"}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} hostile requests were not refused with a 4xx problem:\n" + string.Join("\n", failures));
        Assert.Equal(before, await CountRowsAsync(ct));
    }

    [Fact]
    public async Task An_oversize_body_is_refused_with_413_before_it_is_parsed()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var body = "{\"kind\":\"person\",\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        // Expect: 100-continue lets the server refuse on Content-Length before the client sends 2 MiB into a closing socket.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/parties") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        var response = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", await CodeOfAsync(response, ct));
    }

    [Theory]
    [InlineData("/api/v1/parties/{0}", "not_found", 404)]
    [InlineData("/api/v1/catalog/products/{0}", "not_found", 404)]
    [InlineData("/api/v1/parties?sort=password", "validation_failed", 400)]
    [InlineData("/api/v1/parties?after=not-a-cursor", "validation_failed", 400)]
    [InlineData("/api/v1/parties?limit=0", "validation_failed", 400)]
    [InlineData("/api/v1/catalog/products?sort=-nope", "validation_failed", 400)]
    [InlineData("/api/v1/catalog/products?after=eyJTIjoibmFtZSJ9", "validation_failed", 400)]
    public async Task Unknown_ids_wrong_sorts_and_bad_cursors_are_refused(string url, string code, int status)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, Guid.NewGuid()), ct);
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (status == 400)
            Assert.Equal(JsonValueKind.Object, problem.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_named_in_the_problem()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await server.AdminClient();
        var response = await client.PostAsync("/api/v1/parties",
            new StringContent("{\"kind\":\"person\",\"name\":\"Ann\",\"isCustomer\":\"yes\"}", Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("malformed_request", problem.GetProperty("code").GetString());
        Assert.Contains("isCustomer", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    private static IEnumerable<(HttpMethod Method, string Path, IReadOnlyList<string> Properties)> WriteEndpoints(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/", StringComparison.Ordinal))
                continue;
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = operation.Name switch { "post" => HttpMethod.Post, "put" => HttpMethod.Put, "patch" => HttpMethod.Patch, _ => null };
                if (method is not null)
                    yield return (method, path.Name, BodyProperties(document, operation.Value));
            }
        }
    }

    private static List<string> BodyProperties(JsonElement document, JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body)
            || !body.GetProperty("content").TryGetProperty("application/json", out var json)
            || !json.TryGetProperty("schema", out var schema))
            return [];
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }
        return schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];
    }

    private static IEnumerable<string> HostileBodies(IReadOnlyList<string> properties)
    {
        yield return "this is not json";
        yield return "{\"unterminated\": ";
        yield return "[]";
        yield return "[{\"name\":\"a\"}]";
        yield return "null";
        yield return "\"a string\"";
        yield return "12345";
        yield return "{\"noSuchField\": 1}";
        foreach (var property in properties)
        {
            foreach (var value in new[] { "12345", "true", "{\"nested\":1}", "[1,2]", "null", JsonSerializer.Serialize(Huge), "\"\\u0000\"" })
                yield return $"{{\"{property}\": {value}}}";
        }
        // Every field at once set to null, and every field at once huge.
        if (properties.Count > 0)
        {
            yield return "{" + string.Join(",", properties.Select(p => $"\"{p}\": null")) + "}";
            yield return "{" + string.Join(",", properties.Select(p => $"\"{p}\": {JsonSerializer.Serialize(Huge[..5000])}")) + "}";
        }
    }

    private async Task<(int Parties, int Products, int Tokens, int Outbox, int Keys, int Users)> CountRowsAsync(CancellationToken ct)
    {
        await using var scope = server.ScopeFor();
        var platform = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        return (
            await scope.ServiceProvider.GetRequiredService<PartiesDb>().Parties.IgnoreQueryFilters().CountAsync(ct),
            await scope.ServiceProvider.GetRequiredService<CatalogDb>().Products.IgnoreQueryFilters().CountAsync(ct),
            await platform.ApiTokens.CountAsync(ct),
            await platform.Set<OutboxMessage>().CountAsync(ct),
            await platform.Set<IdempotencyRecord>().CountAsync(ct),
            await platform.Users.CountAsync(ct));
    }

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
            return null;
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    private static string Shorten(string body) => body.Length > 60 ? body[..60] + $"…({body.Length} chars)" : body;
}

public sealed class HostileInputOnSqlite(SqliteServer server) : HostileInputTests(server), IClassFixture<SqliteServer>;

public sealed class HostileInputOnPostgres(PostgresServer server) : HostileInputTests(server), IClassFixture<PostgresServer>;
