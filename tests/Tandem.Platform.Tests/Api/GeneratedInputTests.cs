using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using Tandem.Host.Cli;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>
/// Property-based bad input: for every POST, PUT and PATCH the OpenAPI document lists, bodies generated from the
/// operation's own schema, each value either of its declared type (random strings, extreme numbers, real and
/// impossible dates and ids, enum members) or of another type, fields present or missing. The property: never a 5xx,
/// and every 4xx carries a problem code. Whatever the valid ones wrote, every consistency check passes afterwards.
/// </summary>
public abstract class GeneratedInputTests(TandemServer server)
{
    private const int BodiesPerEndpoint = 6;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generated_bodies_never_get_a_5xx_and_every_refusal_has_a_problem_code()
    {
        using var client = await server.AdminClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var schemas = new Schemas(document);
        var failures = new List<string>();
        var tried = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "post" or "put" or "patch"))
            {
                var body = schemas.Body(operation.Value);
                var url = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", _ => Guid.NewGuid().ToString());
                await body.SampleAsync(async json =>
                {
                    tried++;
                    using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url)
                    {
                        Content = new StringContent(json, Encoding.UTF8, "application/json"),
                    };
                    request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
                    using var response = await client.SendAsync(request, Ct);
                    var status = (int)response.StatusCode;
                    if (status >= 500 || (status >= 400 && await CodeAsync(response) is null))
                        failures.Add($"{operation.Name.ToUpperInvariant()} {path.Name} {(json.Length > 200 ? json[..200] + "…" : json)} → {status}");
                }, iter: BodiesPerEndpoint, threads: 1);
            }
        }
        Assert.True(tried > 200, $"Only {tried} bodies were sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} generated requests failed the property:\n{string.Join("\n", failures.Take(30))}");
        string[] database = [$"--Tandem:Database:Provider={server.Provider}", $"--ConnectionStrings:Tandem={server.ConnectionString}", "--Logging:LogLevel:Default=Warning"];
        await HostCommands.ExpectAsync(0, ["check", "all", .. database]);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
            return null;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            return problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Generators of JSON text from the document's schemas, following references a few levels deep.</summary>
    private sealed class Schemas(JsonElement document)
    {
        private static readonly Gen<string> AnyValue = Gen.OneOf<string>(
            Gen.Const("null"), Gen.Const("true"), Gen.Const("{}"), Gen.Const("[]"), Gen.Const("\"\""),
            Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)), Text());

        public Gen<string> Body(JsonElement operation) =>
            operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
            && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema)
                ? Value(schema, 0)
                : Gen.OneOf<string>(Gen.Const("{}"), AnyValue);

        /// <summary>Mostly a value of the declared type, sometimes anything at all.</summary>
        private Gen<string> Value(JsonElement schema, int depth) => Gen.Frequency<string>((5, Typed(schema, depth)), (1, AnyValue));

        private Gen<string> Typed(JsonElement schema, int depth)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                if (depth > 3)
                    return Gen.Const("null");
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
            }
            if (schema.TryGetProperty("enum", out var members) && members.GetArrayLength() > 0)
                return Gen.OneOf<string>([.. members.EnumerateArray().Select(m => Gen.Const(m.GetRawText())), Text()]);
            var types = !schema.TryGetProperty("type", out var type) ? []
                : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
            var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
            var gens = types.Select(t => t switch
            {
                "null" => Gen.Const("null"),
                "boolean" => Gen.Bool.Select(b => b ? "true" : "false"),
                "integer" => Gen.OneOf<string>(Gen.Int[-1000, 1000].Select(i => i.ToString(CultureInfo.InvariantCulture)),
                    Gen.Const("2147483648"), Gen.Const("-1"), Gen.Const("0")),
                "number" => Gen.OneOf<string>(Gen.Int[-100000, 100000].Select(i => (i / 100m).ToString(CultureInfo.InvariantCulture)),
                    Gen.Const("1e308"), Gen.Const("-0.0001"), Gen.Const("79228162514264337593543950336")),
                "string" => String(format),
                "array" when depth < 4 => (schema.TryGetProperty("items", out var items) ? Value(items, depth + 1) : AnyValue)
                    .Array[0, 3].Select(values => "[" + string.Join(",", values) + "]"),
                "object" when depth < 4 => Object(schema, depth),
                _ => Gen.Const("null"),
            }).ToArray();
            return gens.Length == 0 ? (schema.TryGetProperty("properties", out _) && depth < 4 ? Object(schema, depth) : AnyValue) : Gen.OneOf<string>(gens);
        }

        private Gen<string> Object(JsonElement schema, int depth)
        {
            if (!schema.TryGetProperty("properties", out var properties))
                return Gen.Const("{}");
            Gen<List<string>> fields = Gen.Const(() => new List<string>());
            foreach (var property in properties.EnumerateObject())
            {
                var name = JsonSerializer.Serialize(property.Name);
                var value = Value(property.Value, depth + 1);
                // A field is sent four times in five, so the validation of missing fields is exercised too.
                fields = fields.SelectMany(list => Gen.Frequency<string?>((4, value.Select(v => (string?)v)), (1, Gen.Const((string?)null)))
                    .Select(v => v is null ? list : [.. list, $"{name}:{v}"]));
            }
            return fields.Select(list => "{" + string.Join(",", list) + "}");
        }

        private static Gen<string> String(string? format) => format switch
        {
            "uuid" => Gen.OneOf<string>(Gen.Guid.Select(g => JsonSerializer.Serialize(g)), Gen.Const("\"00000000-0000-0000-0000-000000000000\""), Text()),
            "date" => Gen.OneOf<string>(Gen.Int[-20000, 20000].Select(d => JsonSerializer.Serialize(new DateOnly(2026, 1, 1).AddDays(d))),
                Gen.Const("\"2026-02-30\""), Gen.Const("\"0001-01-01\""), Text()),
            "date-time" => Gen.OneOf<string>(Gen.Const("\"2026-12-04T10:00:00Z\""), Gen.Const("\"9999-12-31T23:59:59Z\""), Text()),
            _ => Gen.OneOf<string>(Text(), Gen.Const("\"EUR\""), Gen.Const("\"USD\""), Gen.Const("\"12.50\""), Gen.Const("\"-1\""),
                Gen.Const(JsonSerializer.Serialize(new string('x', 5000)))),
        };

        private static Gen<string> Text() => Gen.String[0, 40].Select(s => JsonSerializer.Serialize(s));
    }
}

public sealed class GeneratedInputOnSqlite(SqliteServer server) : GeneratedInputTests(server), IClassFixture<SqliteServer>;

public sealed class GeneratedInputOnPostgres(PostgresServer server) : GeneratedInputTests(server), IClassFixture<PostgresServer>;
