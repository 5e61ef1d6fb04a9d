using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Parties.Contracts;
using Tandem.Testing;

namespace Tandem.Parties.Tests.Features;

/// <summary>Addresses, contact points, tax ids, roles, tags, duplicates and merges through the HTTP API.</summary>
public abstract class PartyMasterDataApiTests(TandemServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Register_keeps_addresses_contact_points_tax_ids_roles_and_tags()
    {
        var client = await server.AdminClient();
        var name = Unique("Addressed ");
        var response = await client.PostAsJsonAsync("/api/v1/parties", new
        {
            kind = "organisation",
            name,
            email = "orders@" + name[10..] + ".example",
            isProspect = true,
            tags = new[] { "VIP", "north" },
            addresses = new object[]
            {
                new { kind = "billing", line1 = "1 High Street", city = "London", country = "GB", postalCode = "EC1A 1BB" },
                new { kind = "shipping", line1 = "2 Dock Road", city = "Tilbury", country = "GB" },
            },
            contactPoints = new object[] { new { kind = "phone", value = "+44 20 7946 0999", label = "switchboard" } },
            taxIds = new object[] { new { value = "gb 999 888 777", scheme = "vat" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var party = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties/{id}", Ct);
        Assert.True(party.GetProperty("isProspect").GetBoolean());
        Assert.Equal(["vip", "north"], party.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var addresses = party.GetProperty("addresses").EnumerateArray().ToList();
        Assert.Equal(2, addresses.Count);
        Assert.All(addresses, a => Assert.True(a.GetProperty("isDefault").GetBoolean()));
        Assert.Equal("+44 20 7946 0999", party.GetProperty("phone").GetString());
        Assert.Equal("GB 999 888 777", party.GetProperty("taxId").GetString());
        Assert.Equal(2, party.GetProperty("contactPoints").GetArrayLength());

        var prospects = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties?name={Uri.EscapeDataString(name)}&role=prospect&tag=vip", Ct);
        Assert.Equal(1, prospects.GetProperty("items").GetArrayLength());
        var other = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties?name={Uri.EscapeDataString(name)}&tag=south", Ct);
        Assert.Equal(0, other.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Two_default_addresses_of_a_kind_or_a_bad_country_are_refused_and_nothing_is_written()
    {
        var client = await server.AdminClient();
        var name = Unique("TwoDefaults ");
        var response = await client.PostAsJsonAsync("/api/v1/parties", new
        {
            kind = "organisation",
            name,
            addresses = new object[]
            {
                new { kind = "billing", line1 = "1 A St", city = "X", country = "GB", isDefault = true },
                new { kind = "billing", line1 = "2 B St", city = "Y", country = "Britain", isDefault = true },
            },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("addresses", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("addresses[1].country", out _));
        Assert.Equal(0, await CountAsync(client, name));
    }

    [Fact]
    public async Task An_update_without_lists_keeps_the_addresses_and_replaces_the_primary_email()
    {
        var client = await server.AdminClient();
        var name = Unique("Legacy ");
        var created = await RegisterAsync(client, new
        {
            kind = "organisation",
            name,
            email = "old@legacy.example",
            addresses = new object[] { new { kind = "billing", line1 = "1 A St", city = "X", country = "GB" } },
            contactPoints = new object[] { new { kind = "email", value = "accounts@legacy.example", label = "accounts" } },
        });
        var id = created.GetProperty("id").GetString();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/parties/{id}")
        {
            Content = JsonContent.Create(new { kind = "organisation", name, email = "new@legacy.example" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        var updated = await client.SendAsync(request, Ct);
        Assert.True(updated.StatusCode == HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Ct));
        var party = await updated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("new@legacy.example", party.GetProperty("email").GetString());
        Assert.Equal(1, party.GetProperty("addresses").GetArrayLength());
        var emails = party.GetProperty("contactPoints").EnumerateArray().Select(c => c.GetProperty("value").GetString()).ToList();
        Assert.Equal(["new@legacy.example", "accounts@legacy.example"], emails.Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task Register_warns_about_duplicates_and_reject_refuses_with_409_writing_nothing()
    {
        var client = await server.AdminClient();
        var stem = Unique("Dupe");
        var first = await RegisterAsync(client, new { kind = "organisation", name = $"{stem} Ltd", email = $"sales@{stem}.example", phone = "+44 20 5555 0101" });

        // Same company under another legal form, another address at the same domain, the phone without the country code.
        var warned = await RegisterAsync(client, new { kind = "organisation", name = $"{stem.ToUpperInvariant()}, Inc.", email = $"info@{stem}.example", phone = "020 5555 0101" });
        var candidates = warned.GetProperty("possibleDuplicates").EnumerateArray().ToList();
        var candidate = Assert.Single(candidates, c => c.GetProperty("partyId").GetString() == first.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("id").GetString(), candidate.GetProperty("partyId").GetString());
        Assert.Equal(["name", "emailDomain", "phone"], candidate.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        var before = await CountAsync(client, stem);
        var refused = await client.PostAsJsonAsync("/api/v1/parties?onDuplicate=reject", new { kind = "organisation", name = $"{stem} GmbH" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("duplicate_suspected", problem.GetProperty("code").GetString());
        Assert.Equal(2, problem.GetProperty("candidates").GetArrayLength());
        Assert.Equal(before, await CountAsync(client, stem));

        var lookup = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties/duplicates?name={stem}%20plc", Ct);
        Assert.Equal(2, lookup.GetArrayLength());
    }

    [Fact]
    public async Task Free_mail_domains_and_tax_ids_are_matched_sensibly()
    {
        var client = await server.AdminClient();
        var stem = Unique("Taxed");
        var taxId = "XX" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var first = await RegisterAsync(client, new { kind = "person", name = $"{stem} One", email = $"{stem}@gmail.com", taxId });
        var byMail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties/duplicates?email=someone.else@gmail.com", Ct);
        Assert.DoesNotContain(byMail.EnumerateArray(), c => c.GetProperty("partyId").GetString() == first.GetProperty("id").GetString());
        var byTax = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties/duplicates?taxId={taxId.ToLowerInvariant()[..2]}-{taxId[2..]}", Ct);
        var match = Assert.Single(byTax.EnumerateArray());
        Assert.Equal(["taxId"], match.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Merge_combines_details_repoints_references_hides_the_merged_party_and_is_audited()
    {
        var client = await server.AdminClient();
        var stem = Unique("Merge");
        var survivor = await RegisterAsync(client, new { kind = "organisation", name = $"{stem} Ltd", email = $"sales@{stem}.example", isCustomer = true });
        var merged = await RegisterAsync(client, new
        {
            kind = "organisation", name = $"{stem} Limited", phone = "+1 425 555 0199", taxId = "US" + stem[5..], isSupplier = true, tags = new[] { "imported" },
            addresses = new object[] { new { kind = "shipping", line1 = "9 Pier", city = "Seattle", country = "US" } },
        });
        var survivorId = survivor.GetProperty("id").GetString();
        var mergedId = merged.GetProperty("id").GetString();

        var response = await client.PostAsJsonAsync($"/api/v1/parties/{survivorId}/merge", new { mergedId }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var result = outcome.GetProperty("survivor");
        Assert.Equal($"{stem} Ltd", result.GetProperty("name").GetString());
        Assert.Equal("+1 425 555 0199", result.GetProperty("phone").GetString());
        Assert.True(result.GetProperty("isCustomer").GetBoolean() && result.GetProperty("isSupplier").GetBoolean());
        Assert.Equal(1, result.GetProperty("addresses").GetArrayLength());
        Assert.Equal(["imported"], result.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        // Every module's holder is called; the test's own holder is the one that had a reference.
        var repointed = Assert.Single(outcome.GetProperty("repointed").EnumerateArray(), r => r.GetProperty("holder").GetString() == RecordingReferenceHolder.HolderName);
        Assert.Equal(1, repointed.GetProperty("count").GetInt32());
        var recorder = server.Services.GetRequiredService<RecordingReferenceHolder.Calls>();
        Assert.Contains((Guid.Parse(mergedId!), Guid.Parse(survivorId!)), recorder.Seen);

        var gone = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties/{mergedId}", Ct);
        Assert.Equal(survivorId, gone.GetProperty("mergedIntoId").GetString());
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties?name={stem}", Ct);
        Assert.Equal([survivorId], list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()));

        var audit = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit/Party/{mergedId}", Ct);
        Assert.Contains(audit.EnumerateArray(), e => e.GetRawText().Contains("MergedIntoId", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Merge_into_itself_an_already_merged_party_or_an_unknown_one_is_refused_with_stable_codes()
    {
        var client = await server.AdminClient();
        var stem = Unique("Refuse");
        var a = (await RegisterAsync(client, new { kind = "organisation", name = $"{stem} A" })).GetProperty("id").GetString();
        var b = (await RegisterAsync(client, new { kind = "organisation", name = $"{stem} B" })).GetProperty("id").GetString();
        var c = (await RegisterAsync(client, new { kind = "organisation", name = $"{stem} C" })).GetProperty("id").GetString();

        await AssertProblemAsync(await client.PostAsJsonAsync($"/api/v1/parties/{a}/merge", new { mergedId = a }, Ct), 422, "merge_into_self");
        await AssertProblemAsync(await client.PostAsJsonAsync($"/api/v1/parties/{a}/merge", new { mergedId = Guid.NewGuid() }, Ct), 404, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/parties/{a}/merge", new { mergedId = b }, Ct)).StatusCode);
        await AssertProblemAsync(await client.PostAsJsonAsync($"/api/v1/parties/{c}/merge", new { mergedId = b }, Ct), 409, "party_already_merged");
        await AssertProblemAsync(await client.PostAsJsonAsync($"/api/v1/parties/{b}/merge", new { mergedId = c }, Ct), 409, "survivor_merged");
    }

    [Fact]
    public async Task A_reference_holder_that_fails_rolls_the_whole_merge_back()
    {
        var client = await server.AdminClient();
        var stem = Unique("Rollback");
        var a = (await RegisterAsync(client, new { kind = "organisation", name = $"{stem} A" })).GetProperty("id").GetString()!;
        var b = (await RegisterAsync(client, new { kind = "organisation", name = $"{stem} B", phone = "+44 1632 960000" })).GetProperty("id").GetString()!;
        server.Services.GetRequiredService<RecordingReferenceHolder.Calls>().FailFor.Add(Guid.Parse(b));

        var response = await client.PostAsJsonAsync($"/api/v1/parties/{a}/merge", new { mergedId = b }, Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var survivor = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties/{a}", Ct);
        Assert.Equal(JsonValueKind.Null, survivor.GetProperty("phone").ValueKind);
        var merged = await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties/{b}", Ct);
        Assert.Equal(JsonValueKind.Null, merged.GetProperty("mergedIntoId").ValueKind);
    }

    [Fact]
    public async Task Merging_needs_the_merge_permission()
    {
        var (email, password) = await server.CreateUserAsync(["sales_rep"]);
        var rep = await server.ClientFor(email, password);
        var response = await rep.PostAsJsonAsync($"/api/v1/parties/{Guid.NewGuid()}/merge", new { mergedId = Guid.NewGuid() }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    private static async Task<JsonElement> RegisterAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/parties", body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<int> CountAsync(HttpClient client, string prefix) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/parties?name={Uri.EscapeDataString(prefix)}&limit=500", Ct)).GetProperty("items").GetArrayLength();
}

/// <summary>Stands for a module that stores party ids: records each re-point and fails on request, to prove the merge is one transaction.</summary>
public sealed class RecordingReferenceHolder(RecordingReferenceHolder.Calls calls) : IPartyReferenceHolder
{
    public const string HolderName = "Test references";

    public string Name => HolderName;

    public Task<int> RepointAsync(Guid fromPartyId, Guid toPartyId, CancellationToken ct)
    {
        if (calls.FailFor.Contains(fromPartyId))
            throw new InvalidOperationException("A module failed to re-point its references.");
        calls.Seen.Add((fromPartyId, toPartyId));
        return Task.FromResult(1);
    }

    public sealed class Calls
    {
        public ConcurrentBag<(Guid From, Guid To)> Seen { get; } = [];
        public ConcurrentBag<Guid> FailFor { get; } = [];
    }

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<Calls>();
        services.AddScoped<IPartyReferenceHolder, RecordingReferenceHolder>();
    }
}

public sealed class MergeSqliteServer : SqliteServer
{
    protected override void ConfigureServices(IServiceCollection services) => RecordingReferenceHolder.Register(services);
}

public sealed class MergePostgresServer : PostgresServer
{
    protected override void ConfigureServices(IServiceCollection services) => RecordingReferenceHolder.Register(services);
}

public sealed class PartyMasterDataApiOnSqlite(MergeSqliteServer server) : PartyMasterDataApiTests(server), IClassFixture<MergeSqliteServer>;

public sealed class PartyMasterDataApiOnPostgres(MergePostgresServer server) : PartyMasterDataApiTests(server), IClassFixture<MergePostgresServer>;
