using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Catalog.Tests.Features;

/// <summary>Categories, units, price lists and the price lookup through the HTTP API.</summary>
public abstract class CatalogApiTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task Products_belong_to_a_category_of_the_tree_and_an_unknown_one_is_refused()
    {
        var client = await server.AdminClient();
        var root = await PostAsync(client, "/api/v1/catalog/categories", new { name = Unique("Tools") });
        var child = await PostAsync(client, "/api/v1/catalog/categories", new { name = "Saws", parentId = root.GetProperty("id").GetString() });
        Assert.Equal($"{root.GetProperty("name").GetString()} / Saws", child.GetProperty("path").GetString());

        var sku = Unique("SAW-");
        var product = await PostAsync(client, "/api/v1/catalog/products", Product(sku, categoryId: child.GetProperty("id").GetString()));
        Assert.Equal(child.GetProperty("path").GetString(), product.GetProperty("category").GetString());
        var inCategory = await client.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?categoryId={child.GetProperty("id").GetString()}", Ct);
        Assert.Equal([sku], inCategory.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("sku").GetString()));

        var unknown = await client.PostAsJsonAsync("/api/v1/catalog/products", Product(Unique("NOCAT-"), categoryId: Guid.NewGuid().ToString()), Ct);
        await AssertProblemAsync(unknown, 422, "unknown_category");
        var byName = await client.PostAsJsonAsync("/api/v1/catalog/products", Product(Unique("NOCAT-"), category: "No such category"), Ct);
        await AssertProblemAsync(byName, 422, "unknown_category");
        var written = await client.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products?name=NOCAT", Ct);
        Assert.Equal(0, written.GetProperty("items").GetArrayLength());

        var orphan = await client.PostAsJsonAsync("/api/v1/catalog/categories", new { name = "Orphan", parentId = Guid.NewGuid() }, Ct);
        await AssertProblemAsync(orphan, 422, "unknown_category");
    }

    [Fact]
    public async Task Units_convert_within_a_dimension_and_products_must_use_a_defined_unit()
    {
        var client = await server.AdminClient();
        // The demo company defines box12 = 12 pc: 2 boxes are 24 pieces.
        var conversion = await client.GetFromJsonAsync<JsonElement>("/api/v1/catalog/units/convert?quantity=2&from=box12&to=pc", Ct);
        Assert.Equal(24m, conversion.GetProperty("result").GetDecimal());
        var code = Unique("crate").ToLowerInvariant();
        await PostAsync(client, "/api/v1/catalog/units", new { code, name = "Crate of 6", dimension = "count", factor = 6 });
        // 3 crates of 6 are 18 pieces, 1.5 boxes of 12.
        var crates = await client.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/units/convert?quantity=3&from={code}&to=box12", Ct);
        Assert.Equal(1.5m, crates.GetProperty("result").GetDecimal());

        await AssertProblemAsync(await client.GetAsync("/api/v1/catalog/units/convert?quantity=1&from=pc&to=kg", Ct), 422, "unit_dimension_mismatch");
        await AssertProblemAsync(await client.GetAsync("/api/v1/catalog/units/convert?quantity=1&from=pc&to=parsec", Ct), 422, "unknown_unit");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/catalog/units", new { code, name = "Again", dimension = "count", factor = 6 }, Ct), 409, "unit_exists");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/catalog/units", new { code = "neg", name = "Negative", dimension = "count", factor = -2 }, Ct), 400, "validation_failed");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/catalog/products", Product(Unique("BADUNIT-"), unit: "parsec"), Ct), 422, "unknown_unit");
    }

    [Fact]
    public async Task The_price_lookup_picks_the_version_valid_on_the_date_and_the_largest_break_reached()
    {
        var client = await server.AdminClient();
        var product = await PostAsync(client, "/api/v1/catalog/products", Product(Unique("PRICED-"), price: "10.00"));
        var id = product.GetProperty("id").GetString();
        var code = Unique("PL");
        await PostAsync(client, "/api/v1/catalog/price-lists", new
        {
            code, name = "First half", currency = "EUR", validFrom = "2026-01-01", validTo = "2026-06-30",
            items = new[] { new { productId = id, minQuantity = 1m, price = 9.00m }, new { productId = id, minQuantity = 10m, price = 8.00m } },
        });
        await PostAsync(client, "/api/v1/catalog/price-lists", new
        {
            code, name = "Second half on", currency = "EUR", validFrom = "2026-07-01",
            items = new[] { new { productId = id, minQuantity = 1m, price = 9.50m } },
        });

        async Task<JsonElement> Price(string query) =>
            await client.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/prices?productId={id}&priceList={code}&{query}", Ct);

        // 5 × 9.00 = 45.00 from the first version's first break.
        var five = await Price("quantity=5&date=2026-03-01");
        Assert.Equal("price_list", five.GetProperty("source").GetString());
        Assert.Equal("9.00", five.GetProperty("unitPrice").GetProperty("amount").GetString());
        Assert.Equal("45.00", five.GetProperty("total").GetProperty("amount").GetString());
        // 10 × 8.00 = 80.00: the quantity reaches the second break.
        Assert.Equal("80.00", (await Price("quantity=10&date=2026-06-30")).GetProperty("total").GetProperty("amount").GetString());
        // In August the second version applies, which has no break at 10: 10 × 9.50 = 95.00.
        Assert.Equal("95.00", (await Price("quantity=10&date=2026-08-01")).GetProperty("total").GetProperty("amount").GetString());
        // Before any version the list price applies: 3 × 10.00 = 30.00.
        var before = await Price("quantity=3&date=2025-12-31");
        Assert.Equal("list_price", before.GetProperty("source").GetString());
        Assert.Equal("30.00", before.GetProperty("total").GetProperty("amount").GetString());
        // One box of 12 is 12 pieces, which reaches the 10 break: 12 × 8.00 = 96.00.
        var box = await Price("quantity=1&unit=box12&date=2026-02-01");
        Assert.Equal(12m, box.GetProperty("quantity").GetDecimal());
        Assert.Equal("96.00", box.GetProperty("total").GetProperty("amount").GetString());

        await AssertProblemAsync(await client.GetAsync($"/api/v1/catalog/prices?productId={id}&quantity=0&date=2026-01-01", Ct), 400, "validation_failed");
        await AssertProblemAsync(await client.GetAsync($"/api/v1/catalog/prices?productId={id}&quantity=1&date=2026-01-01&priceList=NOPE{code}", Ct), 404, "unknown_price_list");
        await AssertProblemAsync(await client.GetAsync($"/api/v1/catalog/prices?productId={Guid.NewGuid()}&quantity=1&date=2026-01-01", Ct), 404, "not_found");
    }

    [Fact]
    public async Task The_demo_retail_list_prices_inner_tubes_by_quantity()
    {
        var client = await server.AdminClient();
        var tube = (await client.GetFromJsonAsync<JsonElement>("/api/v1/catalog/products?name=Inner%20tube", Ct)).GetProperty("items")[0].GetProperty("id").GetString();
        // 12 tubes reach the 10 break of Retail 2026: 12 × 5.50 = 66.00.
        var price = await client.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/prices?productId={tube}&quantity=12&date=2026-06-01&priceList=RETAIL", Ct);
        Assert.Equal("66.00", price.GetProperty("total").GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Invalid_or_overlapping_validity_and_bad_items_are_refused_and_nothing_is_written()
    {
        var client = await server.AdminClient();
        var product = await PostAsync(client, "/api/v1/catalog/products", Product(Unique("PLBAD-")));
        var id = product.GetProperty("id").GetString();
        var code = Unique("BAD");
        await PostAsync(client, "/api/v1/catalog/price-lists", new { code, name = "Base", currency = "EUR", validFrom = "2026-01-01", validTo = "2026-12-31" });
        var before = await VersionsAsync(client, code);

        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/catalog/price-lists",
            new { code, name = "Backwards", currency = "EUR", validFrom = "2027-02-01", validTo = "2027-01-31" }, Ct), 422, "invalid_validity");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/catalog/price-lists",
            new { code, name = "Overlaps", currency = "EUR", validFrom = "2026-12-31" }, Ct), 409, "price_list_overlap");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/catalog/price-lists",
            new { code, name = "Ghost", currency = "EUR", validFrom = "2027-01-01", items = new[] { new { productId = Guid.NewGuid(), minQuantity = 1m, price = 1m } } }, Ct), 422, "unknown_product");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/catalog/price-lists",
            new { code, name = "Twice", currency = "EUR", validFrom = "2027-01-01", items = new[] { new { productId = id, minQuantity = 5m, price = 1m }, new { productId = id, minQuantity = 5m, price = 2m } } }, Ct), 422, "duplicate_price_break");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/catalog/price-lists",
            new { code, name = "Negative", currency = "EURO", validFrom = "2027-01-01", items = new[] { new { productId = id, minQuantity = 1m, price = -1m } } }, Ct), 400, "validation_failed");
        Assert.Equal(before, await VersionsAsync(client, code));

        // The day after the base version ends is free.
        await PostAsync(client, "/api/v1/catalog/price-lists", new { code, name = "Next", currency = "EUR", validFrom = "2027-01-01" });
    }

    [Fact]
    public async Task A_version_is_revised_against_its_etag_and_may_not_grow_into_the_next()
    {
        var client = await server.AdminClient();
        var id = (await PostAsync(client, "/api/v1/catalog/products", Product(Unique("REV-"), price: "10.00"))).GetProperty("id").GetString();
        var code = Unique("REV");
        var first = await PostAsync(client, "/api/v1/catalog/price-lists", new
        {
            code, name = "Spring", currency = "EUR", validFrom = "2026-03-01", validTo = "2026-05-31",
            items = new[] { new { productId = id, minQuantity = 1m, price = 9.00m } },
        });
        await PostAsync(client, "/api/v1/catalog/price-lists", new { code, name = "Summer", currency = "EUR", validFrom = "2026-06-01" });
        var url = $"/api/v1/catalog/price-lists/{first.GetProperty("id").GetString()}";
        var etag = (await client.GetAsync(url, Ct)).Headers.ETag!.Tag;

        var revised = new { code, name = "Spring sale", currency = "EUR", validFrom = "2026-03-01", validTo = "2026-05-31", items = new[] { new { productId = id, minQuantity = 1m, price = 7.50m } } };
        var ok = await SendAsync(client, HttpMethod.Put, url, revised, etag);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        // 2 × 7.50 = 15.00 with the revised price.
        var price = await client.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/prices?productId={id}&quantity=2&date=2026-04-01&priceList={code}", Ct);
        Assert.Equal("15.00", price.GetProperty("total").GetProperty("amount").GetString());

        await AssertProblemAsync(await SendAsync(client, HttpMethod.Put, url, revised, etag), 412, "version_mismatch");
        var current = ok.Headers.ETag!.Tag;
        var longer = new { code, name = "Spring", currency = "EUR", validFrom = "2026-03-01", validTo = "2026-06-15", items = Array.Empty<object>() };
        await AssertProblemAsync(await SendAsync(client, HttpMethod.Put, url, longer, current), 409, "price_list_overlap");
        var other = new { code = "OTHER", name = "Spring", currency = "EUR", validFrom = "2026-03-01", items = Array.Empty<object>() };
        await AssertProblemAsync(await SendAsync(client, HttpMethod.Put, url, other, current), 422, "price_list_code_fixed");
        // Nothing of the refused revisions was written: the price is still 7.50.
        var still = await client.GetFromJsonAsync<JsonElement>(url, Ct);
        Assert.Equal(7.50m, Assert.Single(still.GetProperty("items").EnumerateArray()).GetProperty("price").GetDecimal());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object body, string? etag)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (etag is not null)
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Product_custom_fields_are_validated_and_filterable()
    {
        var client = await server.AdminClient();
        var key = "w" + Guid.NewGuid().ToString("N")[..8];
        await PostAsync(client, "/api/v1/platform/custom-fields", new { recordType = "product", key, label = "Weight class", type = "number" });
        var sku = Unique("CF-");
        await PostAsync(client, "/api/v1/catalog/products", Product(sku) with { CustomFields = new Dictionary<string, object> { [key] = 3 } });
        var wrong = await client.PostAsJsonAsync("/api/v1/catalog/products", Product(Unique("CF-")) with { CustomFields = new Dictionary<string, object> { [key] = "heavy" } }, Ct);
        await AssertProblemAsync(wrong, 422, "custom_field_invalid");
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/catalog/products?cf.{key}=3", Ct);
        Assert.Equal([sku], found.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("sku").GetString()));
    }

    private static ProductBody Product(string sku, string? categoryId = null, string? category = null, string unit = "pc", string price = "10.00") =>
        new(sku, sku, "goods", unit, new { amount = price, currency = "EUR" }, categoryId, category);

    /// <summary>A product as JSON sends it; null members are left out.</summary>
    private sealed record ProductBody(string Sku, string Name, string Kind, string Unit, object ListPrice, string? CategoryId, string? Category)
    {
        public Dictionary<string, object>? CustomFields { get; init; }
    }

    private static async Task<int> VersionsAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/catalog/price-lists", Ct)).EnumerateArray().Count(l => l.GetProperty("code").GetString() == code);

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, JsonOptions, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == (int)response.StatusCode, body);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}

public sealed class CatalogApiOnSqlite(SqliteServer server) : CatalogApiTests(server), IClassFixture<SqliteServer>;

public sealed class CatalogApiOnPostgres(PostgresServer server) : CatalogApiTests(server), IClassFixture<PostgresServer>;
