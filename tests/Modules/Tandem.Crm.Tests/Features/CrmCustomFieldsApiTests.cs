using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Crm.Tests.Features;

/// <summary>Custom fields on leads, accounts and opportunities: validated on write, returned, filtered in SQL, exported as CSV.</summary>
public abstract class CrmCustomFieldsApiTests(TandemServer server)
{
    private static CancellationToken Ct => Crm.Ct;

    [Fact]
    public async Task Lead_values_are_validated_stored_filtered_and_exported()
    {
        var admin = await server.AdminClient();
        var k = "l" + Guid.NewGuid().ToString("N")[..8];
        await Crm.PostAsync(admin, "/api/v1/platform/custom-fields", new { recordType = "lead", key = $"{k}_budget", label = "Budget", type = "number" });
        await Crm.PostAsync(admin, "/api/v1/platform/custom-fields", new { recordType = "lead", key = $"{k}_tier", label = "Tier", type = "choice", options = new[] { "Gold", "Silver" } });
        var marker = "Cf" + Guid.NewGuid().ToString("N")[..6];

        var gold = await Crm.PostAsync(admin, "/api/v1/crm/leads", new
        {
            name = $"{marker} Gold", customFields = new Dictionary<string, object> { [$"{k}_budget"] = 2500.5m, [$"{k}_tier"] = "gold" },
        });
        Assert.Equal("Gold", gold.GetProperty("customFields").GetProperty($"{k}_tier").GetString());
        await Crm.PostAsync(admin, "/api/v1/crm/leads", new { name = $"{marker} Silver", customFields = new Dictionary<string, object> { [$"{k}_tier"] = "Silver" } });

        var bad = await Crm.PostAsync(admin, "/api/v1/crm/leads",
            new { name = $"{marker} Bad", customFields = new Dictionary<string, object> { [$"{k}_budget"] = "lots" } }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("custom_field_invalid", bad.Code());
        Assert.True(bad.GetProperty("errors").TryGetProperty($"customFields.{k}_budget", out _));

        async Task<List<string?>> Names(string filter) =>
            (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/leads?name={marker}&{filter}", Ct))
                .GetProperty("items").EnumerateArray().Select(l => l.GetProperty("name").GetString()).Order().ToList();
        Assert.Equal([$"{marker} Gold", $"{marker} Silver"], await Names("sort=name"));
        Assert.Equal([$"{marker} Gold"], await Names($"cf.{k}_tier=gold"));
        Assert.Equal([$"{marker} Gold"], await Names($"cf.{k}_budget=2500.5"));
        var unknown = await admin.GetAsync($"/api/v1/crm/leads?cf.{k}_nope=1", Ct);
        Assert.Equal("custom_field_invalid", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).Code());

        // A change that leaves customFields out keeps them; one that sends them replaces them.
        var response = await admin.GetAsync($"/api/v1/crm/leads/{gold.Id()}", Ct);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/crm/leads/{gold.Id()}") { Content = JsonContent.Create(new { name = $"{marker} Gold", company = "Goldco" }) };
        put.Headers.IfMatch.Add(response.Headers.ETag!);
        var changed = await (await admin.SendAsync(put, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2500.5m, changed.GetProperty("customFields").GetProperty($"{k}_budget").GetDecimal());

        var csv = await admin.GetStringAsync($"/api/v1/crm/leads?name={marker}&cf.{k}_tier=Gold&format=csv", Ct);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith($",cf.{k}_budget,cf.{k}_tier", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{marker} Gold,Goldco,", lines[1]);
        Assert.EndsWith(",2500.5,Gold", lines[1]);
    }

    [Fact]
    public async Task Account_and_opportunity_values_are_validated_filtered_and_exported()
    {
        var admin = await server.AdminClient();
        var k = "a" + Guid.NewGuid().ToString("N")[..8];
        await Crm.PostAsync(admin, "/api/v1/platform/custom-fields", new { recordType = "account", key = $"{k}_vip", label = "VIP", type = "boolean" });
        await Crm.PostAsync(admin, "/api/v1/platform/custom-fields", new { recordType = "opportunity", key = $"{k}_signed", label = "Signed", type = "date" });
        var marker = "Cfa" + Guid.NewGuid().ToString("N")[..6];

        var vip = await Crm.PostAsync(admin, "/api/v1/crm/accounts", new { name = $"{marker} Vip", customFields = new Dictionary<string, object> { [$"{k}_vip"] = true } });
        await Crm.PostAsync(admin, "/api/v1/crm/accounts", new { name = $"{marker} Plain", customFields = new Dictionary<string, object> { [$"{k}_vip"] = false } });
        var badAccount = await Crm.PostAsync(admin, "/api/v1/crm/accounts",
            new { name = $"{marker} Bad", customFields = new Dictionary<string, object> { [$"{k}_vip"] = "yes" } }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("custom_field_invalid", badAccount.Code());
        var accounts = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/accounts?name={marker}&cf.{k}_vip=true", Ct);
        Assert.Equal([vip.Id()], accounts.GetProperty("items").EnumerateArray().Select(a => a.Id()));
        var accountCsv = (await admin.GetStringAsync($"/api/v1/crm/accounts?name={marker}&format=csv", Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, accountCsv.Length);
        Assert.EndsWith($",cf.{k}_vip", accountCsv[0]);

        var opportunity = await Crm.PostAsync(admin, "/api/v1/crm/opportunities", new
        {
            name = $"{marker} Deal", accountId = vip.Id(), amount = new { amount = "10.00", currency = "EUR" }, expectedCloseDate = "2027-01-31",
            customFields = new Dictionary<string, object> { [$"{k}_signed"] = "2026-12-01" },
        });
        Assert.Equal("2026-12-01", opportunity.GetProperty("customFields").GetProperty($"{k}_signed").GetString());
        var badDeal = await Crm.PostAsync(admin, "/api/v1/crm/opportunities", new
        {
            name = $"{marker} Bad", accountId = vip.Id(), amount = new { amount = "10.00", currency = "EUR" }, expectedCloseDate = "2027-01-31",
            customFields = new Dictionary<string, object> { [$"{k}_signed"] = "1 December" },
        }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("custom_field_invalid", badDeal.Code());
        var deals = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/opportunities?accountId={vip.Id()}", Ct);
        Assert.Single(deals.GetProperty("items").EnumerateArray());
        var filtered = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/crm/opportunities?accountId={vip.Id()}&cf.{k}_signed=2026-12-02", Ct);
        Assert.Empty(filtered.GetProperty("items").EnumerateArray());
        var dealCsv = (await admin.GetStringAsync($"/api/v1/crm/opportunities?accountId={vip.Id()}&format=csv", Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"{marker} Deal,{vip.Id()},10.00,EUR,open,", dealCsv[1]);
        Assert.EndsWith(",2026-12-01", dealCsv[1]);
    }
}

public sealed class CrmCustomFieldsApiOnSqlite(CrmSqliteServer server) : CrmCustomFieldsApiTests(server), IClassFixture<CrmSqliteServer>;

public sealed class CrmCustomFieldsApiOnPostgres(CrmPostgresServer server) : CrmCustomFieldsApiTests(server), IClassFixture<CrmPostgresServer>;
